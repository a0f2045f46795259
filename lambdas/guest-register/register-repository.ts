import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ConditionCheckItem } from '../aws/transact-write';
import { registerEntrySummaryFields, type LongStayConfirmation, type RegisterEntry, type RegisterEntrySummary } from './register-entry';

/** The Put of an audit record, as `AuditLog.putInput` builds it. */
type AuditPut = { TableName: string; Item: Record<string, unknown>; ConditionExpression: string };

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
   * nothing, when the check-in was already ingested. `conditionChecks` are added to the
   * transaction, so nothing is written unless every check passes. A failed check raises
   * `EntryConditionCheckFailedError` with its index.
   */
  async createEntryOnce(entry: RegisterEntry, conditionChecks: readonly ConditionCheckItem[] = []): Promise<boolean> {
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
                  gsi1sk: arrivalSortKey(entry),
                  type: 'entry',
                  ...entry,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...conditionChecks,
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isFirstConditionFailure(error)) return false;
      const failedCheck = conditionFailureIndex(error) - 2;
      if (failedCheck >= 0) throw new EntryConditionCheckFailedError(failedCheck);
      throw error;
    }
  }

  /**
   * Stores a corrected entry together with its audit record in one transaction, on condition
   * that nobody corrected it since `fromRevision` was read. Returns false when someone did.
   */
  saveCorrection(entry: RegisterEntry, fromRevision: number, audit: AuditPut): Promise<boolean> {
    return this.updateEntryWithAudit(
      {
        Key: { pk: `TENANT#${entry.tenantId}`, sk: `ENTRY#${entry.entryId}` },
        UpdateExpression: correctionUpdateExpression(entry),
        ConditionExpression: 'attribute_exists(pk) AND (revision = :fromRevision OR (attribute_not_exists(revision) AND :fromRevision = :zero))',
        ExpressionAttributeValues: {
          ':guests': entry.guests,
          ':revision': fromRevision + 1,
          ':correctedAt': entry.correctedAt,
          ':fromRevision': fromRevision,
          ':zero': 0,
          ...(entry.checkedInAt ? { ':checkedInAt': entry.checkedInAt } : {}),
          ...(entry.checkedOutAt ? { ':checkedOutAt': entry.checkedOutAt } : {}),
        },
      },
      audit,
    );
  }

  /**
   * Appends a long-stay confirmation to the entry together with its audit record in one
   * transaction. Returns false when the entry no longer exists.
   */
  addLongStayConfirmation(tenantId: string, entryId: string, confirmation: LongStayConfirmation, audit: AuditPut): Promise<boolean> {
    return this.updateEntryWithAudit(
      {
        Key: { pk: `TENANT#${tenantId}`, sk: `ENTRY#${entryId}` },
        UpdateExpression:
          'SET longStayConfirmations = list_append(if_not_exists(longStayConfirmations, :none), :confirmation), lastLongStayConfirmedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':none': [], ':confirmation': [confirmation], ':at': confirmation.at },
      },
      audit,
    );
  }

  /** Runs an entry update and the Put of its audit record in one transaction; false when the update's condition fails. */
  private async updateEntryWithAudit(
    update: { Key: Record<string, string>; UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
    audit: AuditPut,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: [{ Update: { TableName: this.tableName, ...update } }, { Put: audit }] }),
      );
      return true;
    } catch (error) {
      if (isFirstConditionFailure(error)) return false;
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
    const result = await this.client.send(this.arrivalQuery(input, input.limit, input.startKey));
    return { entries: (result.Items ?? []).map(toEntry), lastKey: result.LastEvaluatedKey };
  }

  /**
   * Like `listByFacilityArrival`, but reads only the attributes of `registerEntrySummaryFields`
   * and returns only entries for which `matches` is true, up to `limit` of them. When a page
   * ends inside a DynamoDB page, `lastKey` is the key of the last entry returned, so the next
   * page starts right after it.
   * NOTE: a rare match reads many DynamoDB pages before it fills a page.
   */
  async listSummariesByFacilityArrival(input: {
    tenantId: string;
    facilityId: string;
    from: string;
    to: string;
    limit: number;
    startKey?: Record<string, unknown>;
    matches: (entry: RegisterEntrySummary) => boolean;
  }): Promise<{ entries: RegisterEntrySummary[]; lastKey?: Record<string, unknown> }> {
    const entries: RegisterEntrySummary[] = [];
    let startKey = input.startKey;
    for (;;) {
      const query = this.arrivalQuery(input, input.limit, startKey);
      // The index keys stay in the projection, because the cursor is built from them.
      query.input.ProjectionExpression = ['pk', 'sk', 'gsi1pk', 'gsi1sk', ...registerEntrySummaryFields].join(', ');
      const result = await this.client.send(query);
      const items = result.Items ?? [];
      for (const [index, item] of items.entries()) {
        const entry = toEntry(item) as RegisterEntrySummary;
        if (!input.matches(entry)) continue;
        entries.push(entry);
        if (entries.length === input.limit) {
          const isLastOfIndex = index === items.length - 1 && !result.LastEvaluatedKey;
          return { entries, lastKey: isLastOfIndex ? undefined : indexKeyOf(item) };
        }
      }
      if (!result.LastEvaluatedKey) return { entries };
      startKey = result.LastEvaluatedKey;
    }
  }

  /**
   * Reads one DynamoDB page of a facility's entry summaries in index order, with index sort keys
   * (`<arrivalDate>#<consent time>#<entryId>`) from `lowerSortKey` to `upperSortKey`, both inclusive. The merged
   * register of several facilities is built from these pages.
   */
  async readSummaryPage(input: {
    tenantId: string;
    facilityId: string;
    lowerSortKey: string;
    upperSortKey: string;
    limit: number;
    startKey?: Record<string, unknown>;
  }): Promise<{ items: ArrivalSortedSummary[]; lastKey?: Record<string, unknown> }> {
    const query = this.sortKeyQuery(input, input.lowerSortKey, input.upperSortKey, input.limit, input.startKey);
    query.input.ProjectionExpression = ['pk', 'sk', 'gsi1pk', 'gsi1sk', ...registerEntrySummaryFields].join(', ');
    const result = await this.client.send(query);
    const items = (result.Items ?? []).map((item) => ({ sortKey: item.gsi1sk as string, entry: toEntry(item) as RegisterEntrySummary }));
    return { items, lastKey: result.LastEvaluatedKey };
  }

  /** Counts the entries of one facility with arrival dates in `[from, to]`, reading no item. */
  async countByFacilityArrival(input: { tenantId: string; facilityId: string; from: string; to: string }): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const query = this.arrivalQuery(input, undefined, startKey);
      query.input.Select = 'COUNT';
      const result = await this.client.send(query);
      count += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  private arrivalQuery(
    input: { tenantId: string; facilityId: string; from: string; to: string },
    limit: number | undefined,
    startKey: Record<string, unknown> | undefined,
  ): QueryCommand {
    return this.sortKeyQuery(input, arrivalSortKeyFrom(input.from), arrivalSortKeyTo(input.to), limit, startKey);
  }

  private sortKeyQuery(
    input: { tenantId: string; facilityId: string },
    lowerSortKey: string,
    upperSortKey: string,
    limit: number | undefined,
    startKey: Record<string, unknown> | undefined,
  ): QueryCommand {
    return new QueryCommand({
      TableName: this.tableName,
      IndexName: 'byFacilityArrival',
      KeyConditionExpression: 'gsi1pk = :facility AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':facility': facilityPartition(input.tenantId, input.facilityId),
        ':from': lowerSortKey,
        ':to': upperSortKey,
      },
      Limit: limit,
      ExclusiveStartKey: startKey,
    });
  }
}

/** An entry summary with its `byFacilityArrival` sort key, `<arrivalDate>#<consent time>#<entryId>`. */
export interface ArrivalSortedSummary {
  readonly sortKey: string;
  readonly entry: RegisterEntrySummary;
}

/** Returns the lowest index sort key of entries arriving on or after `from` (`YYYY-MM-DD`). */
/**
 * Builds an entry's index sort key, `<arrivalDate>#<consent time in UTC>#<entryId>`, so that a
 * day's stays list in the order the guests checked in. The consent time goes through
 * `toISOString` because the kiosk records it with a UTC offset, which would not sort as text.
 */
export function arrivalSortKey(entry: Pick<RegisterEntry, 'arrivalDate' | 'consent' | 'entryId'>): string {
  return `${entry.arrivalDate}#${new Date(entry.consent.acceptedAt).toISOString()}#${entry.entryId}`;
}

export function arrivalSortKeyFrom(from: string): string {
  return `${from}#`;
}

/** Returns the highest index sort key of entries arriving on or before `to` (`YYYY-MM-DD`). */
export function arrivalSortKeyTo(to: string): string {
  return `${to}#\uffff`;
}

export function facilityPartition(tenantId: string, facilityId: string): string {
  return `TENANT#${tenantId}#FACILITY#${facilityId}`;
}

/** Whether a transaction was cancelled because the condition of its first item failed. */
function isFirstConditionFailure(error: unknown): boolean {
  return conditionFailureIndex(error) === 0;
}

/** Index of the first item whose condition cancelled a transaction; -1 for any other error. */
function conditionFailureIndex(error: unknown): number {
  if ((error as Error).name !== 'TransactionCanceledException') return -1;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
}

/** A condition check passed to `createEntryOnce` failed, so the entry was not stored. */
export class EntryConditionCheckFailedError extends Error {
  constructor(readonly checkIndex: number) {
    super(`Condition check ${checkIndex} of the register entry's transaction failed.`);
    this.name = 'EntryConditionCheckFailedError';
  }
}

/** Sets the corrected fields, and removes a recorded time that the correction cleared. */
function correctionUpdateExpression(entry: RegisterEntry): string {
  const set = ['guests = :guests', 'revision = :revision', 'correctedAt = :correctedAt'];
  const remove: string[] = [];
  for (const field of ['checkedInAt', 'checkedOutAt'] as const) {
    if (entry[field]) set.push(`${field} = :${field}`);
    else remove.push(field);
  }
  return `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`;
}

/** The table and index key of an entry item, the shape of the list cursor. */
function indexKeyOf(item: Record<string, unknown>): Record<string, unknown> {
  return { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk };
}

function toEntry(item: Record<string, unknown>): RegisterEntry {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, type: _type, ...entry } = item;
  return entry as unknown as RegisterEntry;
}
