import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAllWithPrefix } from '../aws/dynamodb-query';
import { writeWithAttached, type Attach } from '../aws/transact-write';

/** An office (拠点) of a tenant; it groups facilities and the users who look after them. */
export interface Office {
  readonly tenantId: string;
  readonly officeId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt?: string;
}

/** Offices: `TENANT#t`/`OFFICE#o` in the Directory table. */
export class OfficeRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new office; `attach` adds writes, such as its audit record, to the same transaction. */
  async createOffice(input: Omit<Office, 'createdAt' | 'updatedAt'>, attach?: Attach<Office>, at = new Date()): Promise<Office> {
    const office: Office = { ...input, createdAt: at.toISOString() };
    await this.putOffice(office, 'attribute_not_exists(pk)', attach);
    return office;
  }

  async renameOffice(current: Office, name: string, attach?: Attach<Office>, at = new Date()): Promise<Office> {
    const renamed: Office = { ...current, name, updatedAt: at.toISOString() };
    await this.putOffice(renamed, 'attribute_exists(pk)', attach);
    return renamed;
  }

  private async putOffice(office: Office, condition: string, attach: Attach<Office> | undefined): Promise<void> {
    const put = { TableName: this.tableName, Item: { ...officeKey(office.tenantId, office.officeId), type: 'office', ...office }, ConditionExpression: condition };
    await writeWithAttached(this.client, [{ Put: put }], attach?.(office));
  }

  async getOffice(tenantId: string, officeId: string): Promise<Office | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: officeKey(tenantId, officeId) }));
    return result.Item ? toOffice(result.Item) : undefined;
  }

  async listOffices(tenantId: string): Promise<Office[]> {
    const items = await queryAllWithPrefix(this.client, this.tableName, `TENANT#${tenantId}`, 'OFFICE#');
    return items.map(toOffice).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  }

}

function officeKey(tenantId: string, officeId: string) {
  return { pk: `TENANT#${tenantId}`, sk: `OFFICE#${officeId}` };
}

function toOffice(item: Record<string, unknown>): Office {
  return {
    tenantId: item.tenantId as string,
    officeId: item.officeId as string,
    name: item.name as string,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string | undefined,
  };
}
