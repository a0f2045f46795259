import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { InvalidRequestError, NotFoundError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { fieldMessage } from '../http/validation-messages';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { longStayStatus } from '../reports/long-stay';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { AuditLog } from './audit-log';
import { loadEntryInOffices } from './entry-in-offices';
import { longStayJson } from './long-stay-json';
import type { LongStayConfirmation } from './register-entry';
import { RegisterRepository } from './register-repository';
import { registerPathLabels } from './register-field-labels';

const logger = createLogger('confirm-long-stay');
const env = readEnvironment(['REGISTER_TABLE', 'AUDIT_TABLE']);
const register = new RegisterRepository(documentClient, env.REGISTER_TABLE);
const auditLog = new AuditLog(documentClient, env.AUDIT_TABLE);
const { access, facilities } = createDirectoryServices();
const pathSchema = z.object({ entryId: z.string().trim().min(1).max(64) });

/**
 * POST /register/{entryId}/long-stay-confirmations: records that the caller confirmed no
 * unverified person stays during a long stay (7 nights or more), with who and when, and an audit
 * record in the same transaction. Only a long stay in progress can be confirmed. Returns the
 * stay's new confirmation status.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:confirm-stay');
  const { entryId } = parseInput(pathSchema, event.pathParameters ?? {}, registerPathLabels);
  logger.appendKeys({ entryId });

  const entry = await loadEntryInOffices({ register, facilities }, caller, entryId);
  const now = new Date();
  const status = longStayStatus(entry, now);
  if (!status) {
    throw new InvalidRequestError(
      fieldMessage(registerPathLabels.entryId, { ja: '7 泊以上の長期滞在ではありません', en: 'not a long stay of 7 nights or more' }),
      'entryId',
    );
  }
  if (!status.inProgress) {
    throw new InvalidRequestError(
      fieldMessage(registerPathLabels.entryId, {
        ja: '滞在中の宿泊ではないため確認を記録できません',
        en: 'not a stay in progress, so no confirmation can be recorded',
      }),
      'entryId',
    );
  }

  const confirmation: LongStayConfirmation = { at: now.toISOString(), userId: caller.userId, userName: caller.displayName ?? caller.email };
  const audit = auditLog.putInput(
    {
      tenantId: caller.tenantId,
      userId: caller.userId,
      action: 'confirm-long-stay',
      resource: 'register-entry',
      entryIds: [entryId],
      requestId: event.requestContext?.requestId,
    },
    now,
  );
  if (!(await register.addLongStayConfirmation(caller.tenantId, entryId, confirmation, audit))) {
    throw new NotFoundError('宿泊者名簿の記録が見つかりません / register entry not found', 'entryId');
  }

  logger.info('Long stay confirmed');
  const confirmed = { ...entry, lastLongStayConfirmedAt: confirmation.at, longStayConfirmations: [...(entry.longStayConfirmations ?? []), confirmation] };
  return { statusCode: 201, body: longStayJson(confirmed, now)! };
});
