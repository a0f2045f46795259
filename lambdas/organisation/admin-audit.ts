import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { TransactItem } from '../aws/transact-write';
import { auditUserPartition } from '../guest-register/audit-log';

/** Changes an admin makes that the audit log records. */
export const adminChangeActions = [
  'facility.create',
  'facility.update',
  'facility.archive',
  'facility.import',
  'office.create',
  'office.rename',
  'user.invite',
  'user.update',
  'tenant.ip-allowlist',
  'device.rename',
  'device.revoke',
  'device.pairing-code',
] as const;
export type AdminChangeAction = (typeof adminChangeActions)[number];

/** Kinds of record that an admin change targets. */
export const adminChangeTargetTypes = ['facility', 'office', 'user', 'tenant', 'device'] as const;
export type AdminChangeTargetType = (typeof adminChangeTargetTypes)[number];

export interface AdminChangeRecord {
  readonly tenantId: string;
  /** Cognito `sub` of the admin who made the change. */
  readonly userId: string;
  readonly action: AdminChangeAction;
  readonly targetType: AdminChangeTargetType;
  /** Ids of what changed: one for an edit, several for an import. */
  readonly targetIds: readonly string[];
  /** Names of the fields that changed, never their values (door codes and emails stay out). */
  readonly changedFields: readonly string[];
  readonly requestId?: string;
}

/**
 * Admin changes in the Audit table, beside the PII access records: `TENANT#t` /
 * `<ISO time>#<auditId>` with `category: 'admin-change'`, and in the same by-user index.
 */
export class AdminAuditLog {
  constructor(private readonly tableName: string) {}

  /**
   * Builds the Put of one audit record. Repositories commit it in the DynamoDB transaction of the
   * change it records, so neither is stored without the other.
   */
  entry(record: AdminChangeRecord, at = new Date()): TransactItem {
    const auditId = randomUUID();
    const sortKey = `${at.toISOString()}#${auditId}`;
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          pk: `TENANT#${record.tenantId}`,
          sk: sortKey,
          gsi1pk: auditUserPartition(record.tenantId, record.userId),
          gsi1sk: sortKey,
          auditId,
          at: at.toISOString(),
          category: 'admin-change',
          ...record,
          targetIds: [...record.targetIds],
          changedFields: [...record.changedFields],
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
}

/**
 * Names of the top-level fields whose values differ between two versions of a record. Key order
 * and undefined members do not count as changes, because DynamoDB keeps neither.
 */
export function changedFieldNames(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const [stored, edited] = [before, after].map((record) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
  const names = new Set([...Object.keys(stored), ...Object.keys(edited)]);
  return [...names].filter((name) => !isDeepStrictEqual(stored[name], edited[name])).sort();
}
