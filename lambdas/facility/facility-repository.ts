import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAllItems } from '../aws/dynamodb-query';
import type { NationalityBreakdownRule } from '../reports/periodic-report-figures';

/**
 * Licence under which a facility operates; it decides the register fields.
 * `private-lodging` is 住宅宿泊事業 (届出), `simple-lodging` is 旅館業 簡易宿所 and
 * `ryokan-hotel` is 旅館業 旅館・ホテル営業 (both 許可).
 */
export const licenceTypes = ['private-lodging', 'simple-lodging', 'ryokan-hotel'] as const;
export type LicenceType = (typeof licenceTypes)[number];

export interface Facility {
  readonly tenantId: string;
  readonly facilityId: string;
  readonly name: string;
  readonly licenceType: LicenceType;
  /** 届出番号 or 許可番号. */
  readonly licenceNumber: string;
  readonly address: string;
  /** Overrides the tenant's contact address for this facility's check-in notices. */
  readonly notificationEmail?: string;
  /** 定期報告 and 180-day cap settings of a 住宅宿泊事業 facility; absent means the statutory defaults. */
  readonly reportSettings?: FacilityReportSettings;
  readonly createdAt: string;
}

export interface FacilityReportSettings {
  /** Days a year the municipality allows, when its ordinance sets fewer than 180. */
  readonly annualDayLimit?: number;
  /** Guests the 国籍別 breakdown covers, because municipalities differ; default `all-guests`. */
  readonly nationalityBreakdown?: NationalityBreakdownRule;
}

/** Facilities of a tenant: `TENANT#t`/`FACILITY#f` in the Directory table. */
export class FacilityRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createFacility(input: Omit<Facility, 'createdAt'>): Promise<Facility> {
    const facility: Facility = { ...input, createdAt: new Date().toISOString() };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `TENANT#${facility.tenantId}`, sk: `FACILITY#${facility.facilityId}`, type: 'facility', ...facility },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return facility;
  }

  async getFacility(tenantId: string, facilityId: string): Promise<Facility | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `TENANT#${tenantId}`, sk: `FACILITY#${facilityId}` } }),
    );
    return result.Item ? toFacility(result.Item) : undefined;
  }

  /**
   * Facilities of every tenant with one licence type, through the sparse `byLicenceType` index,
   * for scheduled jobs that serve all tenants.
   */
  async listFacilitiesOfLicenceType(licenceType: LicenceType): Promise<Facility[]> {
    const facilities: Facility[] = [];
    const items = queryAllItems(this.client, {
      TableName: this.tableName,
      IndexName: 'byLicenceType',
      KeyConditionExpression: 'licenceType = :licenceType',
      ExpressionAttributeValues: { ':licenceType': licenceType },
    });
    for await (const item of items) {
      if (item.type === 'facility') facilities.push(toFacility(item));
    }
    return facilities;
  }

  async listFacilities(tenantId: string): Promise<Facility[]> {
    const facilities: Facility[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}`, ':prefix': 'FACILITY#' },
          ExclusiveStartKey: startKey,
        }),
      );
      facilities.push(...(page.Items ?? []).map(toFacility));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return facilities;
  }
}

function toFacility(item: Record<string, unknown>): Facility {
  return {
    tenantId: item.tenantId as string,
    facilityId: item.facilityId as string,
    name: item.name as string,
    licenceType: item.licenceType as LicenceType,
    licenceNumber: item.licenceNumber as string,
    address: item.address as string,
    notificationEmail: item.notificationEmail as string | undefined,
    reportSettings: item.reportSettings as FacilityReportSettings | undefined,
    createdAt: item.createdAt as string,
  };
}
