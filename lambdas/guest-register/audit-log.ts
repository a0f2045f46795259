import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { AdminChangeRecord } from '../organisation/admin-audit';
import type { DeletionRecord } from './deletion-audit';

/**
 * Why PII was decrypted or an entry changed: shown on screen, exported as a file, printed,
 * corrected, or a long stay's guests confirmed.
 */
export const auditActions = ['view', 'export', 'print', 'correct', 'confirm-long-stay'] as const;
export type AuditAction = (typeof auditActions)[number];

/** Whether the caller saw the decrypted values or only their masked form (山田 ●●). */
export const piiDisclosures = ['full', 'masked'] as const;
export type PiiDisclosure = (typeof piiDisclosures)[number];

/**
 * Target kinds of a record: the register list, one register entry, a passport copy or face
 * photo, or a register export as CSV or PDF.
 */
export const auditResources = ['register-list', 'register-entry', 'guest-image', 'register-csv', 'register-pdf'] as const;
export type AuditResource = (typeof auditResources)[number];

export interface AuditRecord {
  readonly tenantId: string;
  /** Cognito `sub` of the operator. */
  readonly userId: string;
  readonly action: AuditAction;
  /** Set for every read of PII (view, export, print); a correction or confirmation decrypts nothing and has none. */
  readonly disclosure?: PiiDisclosure;
  readonly entryIds: readonly string[];
  readonly resource: AuditResource;
  readonly requestId?: string;
  /** For `correct`: the operator's reason and each changed field's value before the change. */
  readonly correction?: RegisterCorrectionTrail;
}

/**
 * What a correction changed. Guest PII fields keep their original ciphertext, still encrypted
 * under the entry's tenant data key, so the audit trail contains no plaintext guest data.
 */
export interface RegisterCorrectionTrail {
  readonly reason: string;
  /** Revision of the entry before the correction; the first stored version is 0. */
  readonly fromRevision: number;
  /** Changed field paths, e.g. `guests/g1/address` or `checkedOutAt`, with their previous values. */
  readonly original: Readonly<Record<string, unknown>>;
}

export interface StoredAuditRecord extends AuditRecord {
  readonly auditId: string;
  /** ISO 8601 time of the access. */
  readonly at: string;
}

export interface AuditQuery {
  readonly tenantId: string;
  /** Only the records of this user, when set. */
  readonly userId?: string;
  /** ISO 8601 bounds, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}

/** An admin change as the Audit table stores it, beside the PII access records. */
export interface StoredAdminChange extends AdminChangeRecord {
  readonly category: 'admin-change';
  readonly auditId: string;
  readonly at: string;
}

/** A deletion of guest data by the retention job or by offboarding, as the Audit table stores it. */
export interface StoredDeletion extends DeletionRecord {
  readonly category: 'data-deletion';
  readonly auditId: string;
  readonly at: string;
}

/** A record of the audit log: a PII access (no category), an admin change or a deletion. */
export type ListedAuditRecord = (StoredAuditRecord & { readonly category?: undefined }) | StoredAdminChange | StoredDeletion;

export interface AuditPage {
  readonly records: ListedAuditRecord[];
  readonly lastKey?: Record<string, unknown>;
}

/** Index of one user's records in time order (`TENANT#t#USER#u` / `<ISO time>#<auditId>`). */
export const auditByUserIndex = 'byUser';

export function auditUserPartition(tenantId: string, userId: string): string {
  return `TENANT#${tenantId}#USER#${userId}`;
}

/**
 * Append-only log of PII access: `TENANT#t` / `<ISO time>#<auditId>` in the Audit table.
 * It only puts new items under the condition that the key is unused, so no record is ever
 * overwritten. No route updates or deletes records, and the table's resource policy denies both.
 */
export class AuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Writes the record. Callers await it before any decrypted value leaves the handler, so an
   * access without a record cannot happen.
   */
  async record(record: AuditRecord): Promise<void> {
    await this.client.send(new PutCommand(this.putInput(record)));
  }

  /** Builds the Put of one record, for a transaction that writes it together with the change it logs. */
  putInput(record: AuditRecord, at = this.now()) {
    const auditId = randomUUID();
    const sortKey = `${at.toISOString()}#${auditId}`;
    return {
      TableName: this.tableName,
      Item: {
        pk: `TENANT#${record.tenantId}`,
        sk: sortKey,
        gsi1pk: auditUserPartition(record.tenantId, record.userId),
        gsi1sk: sortKey,
        auditId,
        at: at.toISOString(),
        ...record,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  }

  /**
   * PII access records, admin changes and deletions of a tenant in a period, newest first. With a
   * user, only that user's records, which leaves out deletions (a job or platform operator made them).
   */
  async list(query: AuditQuery): Promise<AuditPage> {
    const byUser = query.userId !== undefined;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: byUser ? auditByUserIndex : undefined,
        KeyConditionExpression: byUser
          ? 'gsi1pk = :partition AND gsi1sk BETWEEN :from AND :to'
          : 'pk = :partition AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':partition': byUser ? auditUserPartition(query.tenantId, query.userId!) : `TENANT#${query.tenantId}`,
          ':from': query.from,
          ':to': `${query.to}\uffff`,
          ':adminChange': 'admin-change',
          ':dataDeletion': 'data-deletion',
        },
        // NOTE: admin changes stored before they were put in the by-user index have no `gsi1pk`,
        // so a query by user finds only newer ones.
        FilterExpression: 'attribute_not_exists(category) OR category IN (:adminChange, :dataDeletion)',
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: query.startKey,
      }),
    );
    return { records: (result.Items ?? []).map(toStoredRecord), lastKey: result.LastEvaluatedKey };
  }
}

function toStoredRecord(item: Record<string, unknown>): ListedAuditRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...record } = item;
  return record as unknown as ListedAuditRecord;
}
