import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { InvalidRequestError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { fieldMessage, notAfterReason } from '../http/validation-messages';
import { changeTargetKey, readChangeTargetNames } from '../organisation/change-target-names';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import type { OperatorUserName } from '../organisation/tenant-repository';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { AuditLog, auditUserPartition, type ListedAuditRecord, type StoredDeletion } from './audit-log';
import { auditQueryLabels } from './register-field-labels';

const env = readEnvironment(['AUDIT_TABLE', 'DIRECTORY_TABLE']);
const logger = createLogger('list-audit-records');
const auditLog = new AuditLog(documentClient, env.AUDIT_TABLE);
const { access, tenants } = createDirectoryServices();

export const defaultAuditPageSize = 50;
/** Targets of one admin change that get their current name, the ones admin-web lists before it counts the rest. */
export const namedTargetCount = 3;
export const maxAuditPageSize = 200;

// z.string().date() checks the calendar too, so 2026-02-30 is rejected, not just the pattern.
const isoDate = z.string().date();
const querySchema = z.object({
  userId: z.string().trim().min(1).max(128).optional(),
  from: isoDate.default('0000-01-01'),
  to: isoDate.default('9999-12-31'),
  limit: z.coerce.number().int().min(1).max(maxAuditPageSize).default(defaultAuditPageSize),
  cursor: z.string().max(2000).optional(),
});

/**
 * GET /audit-log?userId=&from=&to=&limit=&cursor=: the tenant's record of PII decryptions,
 * exports and corrections (`category: 'pii-access'`), admin changes (`'admin-change'`) and
 * deletions of guest data (`'data-deletion'`, by an `actor` rather than a user), newest first,
 * for callers with `audit:read` (the owner). `from` and `to` are UTC calendar dates, both
 * inclusive. Each user's record names the user by display name and email, read for the whole
 * page at once, or `user: null` when the Directory no longer has the user.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'audit:read');
  const query = parseInput(querySchema, event.queryStringParameters ?? {}, auditQueryLabels);
  if (query.from > query.to) {
    throw new InvalidRequestError(fieldMessage(auditQueryLabels.from, notAfterReason(auditQueryLabels.to)), 'from');
  }

  const page = await auditLog.list({
    tenantId: caller.tenantId,
    userId: query.userId,
    from: query.from,
    to: query.to,
    limit: query.limit,
    startKey: query.cursor === undefined ? undefined : decodeCursor(query.cursor, caller.tenantId, query.userId),
  });

  const namedTargets = page.records.flatMap((record) =>
    record.category === 'admin-change' ? record.targetIds.slice(0, namedTargetCount).map((id) => ({ type: record.targetType, id })) : [],
  );
  const [users, targetNames] = await Promise.all([
    tenants.getUserNames(
      caller.tenantId,
      page.records.flatMap((record) => (record.category === 'data-deletion' ? [] : [record.userId])),
    ),
    readChangeTargetNames(documentClient, env.DIRECTORY_TABLE, caller.tenantId, namedTargets),
  ]);

  return {
    body: {
      records: page.records.map((record) =>
        record.category === 'data-deletion'
          ? deletionView(record)
          : {
              auditId: record.auditId,
              at: record.at,
              userId: record.userId,
              user: userView(users.get(record.userId)),
              ...recordDetails(record, targetNames),
            },
      ),
      nextCursor: page.lastKey ? Buffer.from(JSON.stringify(page.lastKey), 'utf8').toString('base64url') : undefined,
    },
  };
});

/**
 * Returns a deletion record with its actor (`system:retention-job` or `platform:<name>`) in place
 * of a user, and the offboarding phase. Other details (key ARN, counts) stay in the table.
 */
function deletionView(record: StoredDeletion) {
  const phase = record.details.phase;
  return {
    auditId: record.auditId,
    at: record.at,
    category: 'data-deletion' as const,
    action: record.action,
    actor: record.actor,
    ...(typeof phase === 'string' ? { phase } : {}),
    entryIds: record.entryIds,
  };
}

/**
 * Returns the fields of a record that depend on its category. Change details are field names,
 * never values. `targetNames` contains the current names of the first targets of each change.
 */
function recordDetails(record: Exclude<ListedAuditRecord, StoredDeletion>, targetNames: ReadonlyMap<string, string>) {
  if (record.category === 'admin-change') {
    const named = record.targetIds
      .slice(0, namedTargetCount)
      .flatMap((id) => {
        const name = targetNames.get(changeTargetKey({ type: record.targetType, id }));
        return name === undefined ? [] : [[id, name] as const];
      });
    return {
      category: 'admin-change' as const,
      action: record.action,
      targetType: record.targetType,
      targetIds: record.targetIds,
      targetNames: Object.fromEntries(named),
      changedFields: record.changedFields,
    };
  }
  return {
    category: 'pii-access' as const,
    action: record.action,
    disclosure: record.disclosure,
    resource: record.resource,
    entryIds: record.entryIds,
  };
}

function userView(user: OperatorUserName | undefined) {
  return user ? { displayName: user.displayName ?? null, email: user.email } : null;
}

/** Accepts only a cursor of this tenant, and of this user when the query names one. */
function decodeCursor(cursor: string, tenantId: string, userId: string | undefined): Record<string, unknown> {
  const invalid = new InvalidRequestError(
    fieldMessage(auditQueryLabels.cursor, { ja: '不正です。最初のページから読み込み直してください', en: 'invalid: request the first page again' }),
    'cursor',
  );
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const keyShape = z
    .object({ pk: z.string(), sk: z.string(), gsi1pk: z.string().optional(), gsi1sk: z.string().optional() })
    .strict();
  const parsed = keyShape.safeParse(key);
  if (!parsed.success || parsed.data.pk !== `TENANT#${tenantId}`) throw invalid;
  if (userId !== undefined && parsed.data.gsi1pk !== auditUserPartition(tenantId, userId)) throw invalid;
  return parsed.data;
}
