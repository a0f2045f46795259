import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { RegisterEntry } from './register-entry';

export interface EntryPage {
  readonly entries: RegisterEntry[];
  /** Key to pass as `startKey` for the next page; undefined on the last page. */
  readonly lastKey?: Record<string, unknown>;
}

/** Register entries (`TENANT#t`/`ENTRY#e`) and check-in idempotency items (`TENANT#t`/`CHECKIN#c`). */
export class RegisterRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Writes the entry and its idempotency item in one transaction. Returns false, writing
   * nothing, when the check-in was already ingested.
   */
  async createEntryOnce(entry: RegisterEntry): Promise<boolean> {
    const pk = `TENANT#${entry.tenantId}`;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk,
                  sk: `CHECKIN#${entry.checkInId}`,
                  type: 'check-in-ingested',
                  entryId: entry.entryId,
                  createdAt: entry.createdAt,
                  expiresAt: entry.expiresAt,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk,
                  sk: `ENTRY#${entry.entryId}`,
                  gsi1pk: facilityPartition(entry.tenantId, entry.facilityId),
                  gsi1sk: `${entry.arrivalDate}#${entry.entryId}`,
                  type: 'entry',
                  ...entry,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if ((error as Error).name === 'TransactionCanceledException' && reasons?.[0]?.Code === 'ConditionalCheckFailed') {
        return false;
      }
      throw error;
    }
  }

  async isCheckInIngested(tenantId: string, checkInId: string): Promise<boolean> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `TENANT#${tenantId}`, sk: `CHECKIN#${checkInId}` },
        ConsistentRead: true,
      }),
    );
    return result.Item !== undefined;
  }

  async getEntry(tenantId: string, entryId: string): Promise<RegisterEntry | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `TENANT#${tenantId}`, sk: `ENTRY#${entryId}` } }),
    );
    return result.Item ? toEntry(result.Item) : undefined;
  }

  /** Entries of one facility with arrival dates in `[from, to]` (inclusive), oldest first. */
  async listByFacilityArrival(input: {
    tenantId: string;
    facilityId: string;
    from: string;
    to: string;
    limit: number;
    startKey?: Record<string, unknown>;
  }): Promise<EntryPage> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byFacilityArrival',
        KeyConditionExpression: 'gsi1pk = :facility AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':facility': facilityPartition(input.tenantId, input.facilityId),
          ':from': `${input.from}#`,
          ':to': `${input.to}#\uffff`,
        },
        Limit: input.limit,
        ExclusiveStartKey: input.startKey,
      }),
    );
    return { entries: (result.Items ?? []).map(toEntry), lastKey: result.LastEvaluatedKey };
  }
}

export function facilityPartition(tenantId: string, facilityId: string): string {
  return `TENANT#${tenantId}#FACILITY#${facilityId}`;
}

function toEntry(item: Record<string, unknown>): RegisterEntry {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, type: _type, ...entry } = item;
  return entry as unknown as RegisterEntry;
}
