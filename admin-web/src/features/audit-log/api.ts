import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

const auditRecordBase = {
  auditId: z.string().min(1),
  /** ISO 8601 time of the access or change. */
  at: z.string().datetime({ offset: true }),
  /** Cognito `sub` of the user who read the data or made the change. */
  userId: z.string().min(1),
  /** The user's name from the Directory, or null for a user who was deleted since. */
  user: z.object({ displayName: z.string().nullable(), email: z.string() }).nullable(),
};

/** One decryption, export or correction of guest PII, as GET /audit-log returns it. */
export const piiAccessRecordSchema = z.object({
  ...auditRecordBase,
  category: z.literal('pii-access'),
  action: z.enum(['view', 'export', 'print', 'correct', 'confirm-long-stay']),
  /** Absent on corrections and long-stay confirmations, which decrypt nothing. */
  disclosure: z.enum(['full', 'masked']).optional(),
  /**
   * Target kind: `register-list`, `register-entry`, `guest-image`, `register-csv` or
   * `register-pdf`. A string rather than an enum, so that a kind newer than this screen shows its
   * id instead of failing the page.
   */
  resource: z.string().min(1),
  entryIds: z.array(z.string()),
});

/**
 * One change an admin made to facilities, offices, users, devices or settings. Action and target
 * type are strings for the same reason as `resource`.
 */
export const adminChangeRecordSchema = z.object({
  ...auditRecordBase,
  category: z.literal('admin-change'),
  /** For example `facility.update` or `device.revoke`. */
  action: z.string().min(1),
  /** `facility`, `office`, `user`, `tenant` or `device`. */
  targetType: z.string().min(1),
  targetIds: z.array(z.string()),
  /** Current names of the first listed targets, by id; a deleted target has none. */
  targetNames: z.record(z.string(), z.string()).default({}),
  /** Names of the changed fields, never their values. */
  changedFields: z.array(z.string()),
});

/** A deletion of guest data by the retention job or by offboarding, made by an actor rather than a user. */
export const deletionRecordSchema = z.object({
  auditId: auditRecordBase.auditId,
  at: auditRecordBase.at,
  category: z.literal('data-deletion'),
  /** `retention-purge` or `tenant-offboarding`. */
  action: z.string().min(1),
  /** `system:retention-job`, or `platform:<name>` for the platform operator who offboarded the tenant. */
  actor: z.string().min(1),
  /** Step of an offboarding: `started`, `resumed` or `completed`. */
  phase: z.string().min(1).optional(),
  entryIds: z.array(z.string()),
});

export const auditRecordSchema = z.discriminatedUnion('category', [piiAccessRecordSchema, adminChangeRecordSchema, deletionRecordSchema]);

export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type DeletionRecord = z.infer<typeof deletionRecordSchema>;

export const auditPageSchema = z.object({
  records: z.array(auditRecordSchema),
  nextCursor: z.string().min(1).nullish(),
});

export type AuditPage = z.infer<typeof auditPageSchema>;

export interface AuditQuery {
  /** Only this user's records, or empty for every user. */
  userId?: string;
  /** First and last day (YYYY-MM-DD, UTC), or empty for no bound. */
  from?: string;
  to?: string;
  cursor?: string;
}

export function listAuditRecords(client: ApiClient, query: AuditQuery): Promise<AuditPage> {
  return client.get('/audit-log', auditPageSchema, {
    userId: query.userId || undefined,
    from: query.from || undefined,
    to: query.to || undefined,
    cursor: query.cursor,
  });
}
