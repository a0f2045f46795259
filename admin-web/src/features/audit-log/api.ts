import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

/** One decryption or export of guest PII, as GET /audit-log returns it. */
export const auditRecordSchema = z.object({
  auditId: z.string().min(1),
  /** ISO 8601 time of the access. */
  at: z.string().datetime({ offset: true }),
  /** Cognito `sub` of the user who read or exported the data. */
  userId: z.string().min(1),
  /** The user's name from the Directory, or null for a user who was deleted since. */
  user: z.object({ displayName: z.string().nullable(), email: z.string() }).nullable(),
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

export type AuditRecord = z.infer<typeof auditRecordSchema>;

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
