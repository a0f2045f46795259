import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { failedItemIndex, writeWithAttached, type Attach, type ConditionCheckItem, type TransactItem } from '../aws/transact-write';
import { queryAllItems, queryAllWithPrefix } from '../aws/dynamodb-query';
import type { NationalityBreakdownRule } from '../reports/periodic-report-figures';

/**
 * Licence under which a facility operates; it decides the register fields.
 * `private-lodging` is 住宅宿泊事業 (届出), `simple-lodging` is 旅館業 簡易宿所 and
 * `ryokan-hotel` is 旅館業 旅館・ホテル営業 (both 許可).
 */
export const licenceTypes = ['private-lodging', 'simple-lodging', 'ryokan-hotel'] as const;
export type LicenceType = (typeof licenceTypes)[number];

/** Languages the kiosk offers; house rules may be given in each of them. */
export const houseRuleLanguages = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko'] as const;
export type HouseRuleLanguage = (typeof houseRuleLanguages)[number];

export interface PostalAddress {
  /** `NNN-NNNN`. */
  readonly postalCode: string;
  readonly prefecture: string;
  readonly city: string;
  readonly street: string;
  readonly building?: string;
}

export type FacilityStatus = 'active' | 'archived';

export interface Facility {
  readonly tenantId: string;
  readonly facilityId: string;
  readonly name: string;
  readonly licenceType: LicenceType;
  /** 届出番号 or 許可番号, unique within the tenant for facilities created through the API. */
  readonly licenceNumber: string;
  /** The address on one line, as printed on the register. */
  readonly address: string;
  readonly postalAddress?: PostalAddress;
  readonly capacity?: number;
  /** The office (拠点) the facility belongs to. Facilities without one are visible to owners only. */
  readonly officeId?: string;
  readonly houseRules?: Partial<Record<HouseRuleLanguage, string>>;
  /** Door or keybox code the kiosk shows when check-in is complete. */
  readonly entryCode?: string;
  /** Overrides the tenant's contact address for this facility's check-in notices. */
  readonly notificationEmail?: string;
  /**
   * 届出日, the day the 届出 of a 住宅宿泊事業 facility was accepted, as `YYYY-MM-DD` in Japan.
   * 定期報告 are owed from the two-month period containing it. Facilities stored before the field
   * existed have none, and then every period counts.
   */
  readonly notificationDate?: string;
  /** 定期報告 and 180-day cap settings of a 住宅宿泊事業 facility; absent means the statutory defaults. */
  readonly reportSettings?: FacilityReportSettings;
  /** Archived facilities keep their register and devices, but no new kiosk can be paired to them. */
  readonly status: FacilityStatus;
  readonly createdAt: string;
  readonly updatedAt?: string;
  readonly archivedAt?: string;
  /**
   * Count of writes since the facility was created, for optimistic concurrency: every update,
   * archive and CSV import stores the read value plus one, on condition that the stored value is
   * still the read one. Facilities stored before the field existed have none, which counts as 0.
   */
  readonly revision?: number;
}

export interface FacilityReportSettings {
  /** Days a year the municipality allows, when its ordinance sets fewer than 180. */
  readonly annualDayLimit?: number;
  /** Guests the 国籍別 breakdown covers, because municipalities differ; default `all-guests`. */
  readonly nationalityBreakdown?: NationalityBreakdownRule;
}

/** Fields an operator edits; the repository fills in ids, status and times. */
export type FacilityDetails = Omit<Facility, 'tenantId' | 'facilityId' | 'status' | 'createdAt' | 'updatedAt' | 'archivedAt' | 'revision'>;

/** Raised when another facility of the tenant already has the licence number. */
export class DuplicateLicenceNumberError extends Error {
  constructor(readonly licenceNumber: string) {
    super('Another facility of the tenant has this licence number.');
    this.name = 'DuplicateLicenceNumberError';
  }
}

/** Raised when the facility was written after the caller read it, so the write would lose that change. */
export class StaleFacilityError extends Error {
  constructor(readonly facilityId: string) {
    super('The facility changed after it was read.');
    this.name = 'StaleFacilityError';
  }
}

/** Formats a postal address on one line, the way Japanese addresses are written. */
export function formatAddress(address: PostalAddress): string {
  return [`〒${address.postalCode}`, `${address.prefecture}${address.city}${address.street}`, address.building]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
}

/**
 * Facilities of a tenant: `TENANT#t`/`FACILITY#f` in the Directory table. Facilities created
 * through `addFacility` also hold a marker `TENANT#t`/`LICENCE#<number>`, so two facilities of
 * one tenant cannot share a 届出番号 or 許可番号 even when created at the same moment.
 */
export class FacilityRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a facility without a licence marker; the seed and tests use it for fixtures. */
  async createFacility(input: Omit<Facility, 'createdAt' | 'status'> & { status?: FacilityStatus }): Promise<Facility> {
    const facility: Facility = { status: 'active', ...input, createdAt: new Date().toISOString() };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: compact({ ...facilityKey(facility.tenantId, facility.facilityId), type: 'facility', ...facility }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return facility;
  }

  /** Stores a new facility, its licence marker and the attached writes in one transaction. */
  async addFacility(tenantId: string, facilityId: string, details: FacilityDetails, attach?: Attach<Facility>, at = new Date()): Promise<Facility> {
    const facility: Facility = { ...details, tenantId, facilityId, status: 'active', createdAt: at.toISOString(), updatedAt: at.toISOString(), revision: 0 };
    await this.transact(facility, attach?.(facility) ?? [], [
      {
        Put: {
          TableName: this.tableName,
          Item: compact({ ...facilityKey(tenantId, facilityId), type: 'facility', ...facility }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.putLicenceMarker(tenantId, details.licenceNumber, facilityId),
    ]);
    return facility;
  }

  /**
   * Replaces the editable fields of a facility. When the licence number changes, the old marker
   * is released and the new one taken in the same transaction, which also stores the attached writes.
   * Throws `StaleFacilityError` when the stored revision is no longer the one of `current`.
   */
  async updateFacility(current: Facility, details: FacilityDetails, attach?: Attach<Facility>, at = new Date()): Promise<Facility> {
    const updated: Facility = { ...pickKept(current), ...details, updatedAt: at.toISOString(), revision: nextRevision(current) };
    const items: TransactItem[] = [this.putRevised(current, updated)];
    if (details.licenceNumber !== current.licenceNumber) {
      items.push(this.putLicenceMarker(current.tenantId, details.licenceNumber, current.facilityId));
      items.push({
        Delete: {
          TableName: this.tableName,
          Key: licenceKey(current.tenantId, current.licenceNumber),
          ConditionExpression: 'attribute_not_exists(pk) OR facilityId = :facilityId',
          ExpressionAttributeValues: { ':facilityId': current.facilityId },
        },
      });
    }
    await this.transact(updated, attach?.(updated) ?? [], items);
    return updated;
  }

  /**
   * Marks a facility archived and keeps its register entries. The archive route revokes the
   * facility's devices after it. Throws `StaleFacilityError` when the stored
   * revision is no longer the one of `current`.
   */
  async archiveFacility(current: Facility, attach?: Attach<Facility>, at = new Date()): Promise<Facility> {
    const archived: Facility = { ...current, status: 'archived', archivedAt: at.toISOString(), updatedAt: at.toISOString(), revision: nextRevision(current) };
    try {
      await writeWithAttached(this.client, [this.putRevised(current, archived)], attach?.(archived));
    } catch (error) {
      if (failedItemIndex(error) === 0) throw new StaleFacilityError(current.facilityId);
      throw error;
    }
    return archived;
  }

  /**
   * Returns a ConditionCheck that passes only while the facility exists and is not archived, so
   * a transaction with it fails once the archive is stored.
   */
  notArchivedCheck(tenantId: string, facilityId: string): ConditionCheckItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: facilityKey(tenantId, facilityId),
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status <> :archived)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':archived': 'archived' },
      },
    };
  }

  async getFacility(tenantId: string, facilityId: string): Promise<Facility | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: facilityKey(tenantId, facilityId) }));
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
    const items = await queryAllWithPrefix(this.client, this.tableName, `TENANT#${tenantId}`, 'FACILITY#');
    return items.map(toFacility);
  }

  /** Builds the Put of a changed facility, on condition that the stored revision is still the one of `current`. */
  private putRevised(current: Facility, changed: Facility): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: compact({ ...facilityKey(current.tenantId, current.facilityId), type: 'facility', ...changed }),
        ConditionExpression: 'attribute_exists(pk) AND (revision = :readRevision OR (attribute_not_exists(revision) AND :readRevision = :zero))',
        ExpressionAttributeValues: { ':readRevision': current.revision ?? 0, ':zero': 0 },
      },
    };
  }

  private putLicenceMarker(tenantId: string, licenceNumber: string, facilityId: string) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...licenceKey(tenantId, licenceNumber), type: 'facility-licence', facilityId },
        ConditionExpression: 'attribute_not_exists(pk) OR facilityId = :facilityId',
        ExpressionAttributeValues: { ':facilityId': facilityId },
      },
    };
  }

  private async transact(facility: Facility, attached: readonly TransactItem[], items: readonly TransactItem[]): Promise<void> {
    try {
      await writeWithAttached(this.client, items, attached);
    } catch (error) {
      // In both addFacility and updateFacility, index 0 is the facility and index 1 the licence
      // marker. A new facility's id is a fresh UUID, so only an update fails on index 0.
      const index = failedItemIndex(error);
      if (index === 0) throw new StaleFacilityError(facility.facilityId);
      if (index === 1) throw new DuplicateLicenceNumberError(facility.licenceNumber);
      throw error;
    }
  }
}

export function facilityKey(tenantId: string, facilityId: string) {
  return { pk: `TENANT#${tenantId}`, sk: `FACILITY#${facilityId}` };
}

function licenceKey(tenantId: string, licenceNumber: string) {
  return { pk: `TENANT#${tenantId}`, sk: `LICENCE#${licenceNumber}` };
}

function nextRevision(current: Facility): number {
  return (current.revision ?? 0) + 1;
}

/** Returns the fields an edit keeps from the stored facility. */
function pickKept(facility: Facility) {
  const { tenantId, facilityId, status, createdAt, archivedAt, notificationEmail } = facility;
  return { tenantId, facilityId, status, createdAt, archivedAt, notificationEmail };
}

/**
 * Sets the ordinance day limit inside the report settings, keeping the other settings, because
 * the 定期報告 jobs read the limit from there.
 */
export function withAnnualDayLimit(current: FacilityReportSettings | undefined, annualDayLimit: number | undefined): FacilityReportSettings | undefined {
  const settings = { ...current, annualDayLimit };
  return settings.annualDayLimit === undefined && settings.nationalityBreakdown === undefined ? undefined : settings;
}

/** Drops undefined values, also inside house rules, because DynamoDB stores no undefined. */
function compact<T extends Record<string, unknown>>(item: T): T {
  const entries = Object.entries(item)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, isPlainObject(value) ? compact(value) : value]);
  return Object.fromEntries(entries) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toFacility(item: Record<string, unknown>): Facility {
  return {
    tenantId: item.tenantId as string,
    facilityId: item.facilityId as string,
    name: item.name as string,
    licenceType: item.licenceType as LicenceType,
    licenceNumber: item.licenceNumber as string,
    address: item.address as string,
    postalAddress: item.postalAddress as PostalAddress | undefined,
    capacity: item.capacity as number | undefined,
    officeId: item.officeId as string | undefined,
    houseRules: item.houseRules as Facility['houseRules'],
    entryCode: item.entryCode as string | undefined,
    notificationEmail: item.notificationEmail as string | undefined,
    notificationDate: item.notificationDate as string | undefined,
    reportSettings: item.reportSettings as FacilityReportSettings | undefined,
    status: (item.status as FacilityStatus | undefined) ?? 'active',
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string | undefined,
    archivedAt: item.archivedAt as string | undefined,
    revision: item.revision as number | undefined,
  };
}
