import { cognitoClient } from '../aws/cognito';
import { createApiHandler } from '../http/api-handler';
import { InvalidRequestError, NotFoundError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { fieldMessage } from '../http/validation-messages';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { changedFieldNames } from './admin-audit';
import { createAdminAuditLog, createDirectoryServices } from './directory-services';
import { OperatorAccounts } from './operator-accounts';
import { requirePermission } from './permissions';
import { checkRoleShape, updateBodySchema, userFieldLabels, userPathLabels, userPathSchema, userView } from './user-input';

const env = readEnvironment(['USER_POOL_ID']);
const logger = createLogger('update-user');
const { access, offices, tenants } = createDirectoryServices();
const audit = createAdminAuditLog();
const accounts = new OperatorAccounts(cognitoClient, env.USER_POOL_ID);

/**
 * PUT /users/{userId}: the owner changes a user's role, offices or grants, or disables or
 * re-enables the user. The Directory record changes first, so handlers apply it on the next
 * request; the Cognito group and enabled flag follow.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'user:manage');
  const { userId } = parseInput(userPathSchema, event.pathParameters ?? {}, userPathLabels);
  logger.appendKeys({ userId });
  const changes = parseInput(updateBodySchema, parseJsonBody(event.body, event.isBase64Encoded), userFieldLabels);

  const current = await tenants.getOperatorUser(operator.tenantId, userId);
  if (!current) throw new NotFoundError('利用者が見つかりません / user not found', 'userId');
  if (userId === operator.userId && ((changes.role && changes.role !== 'owner') || changes.status === 'disabled')) {
    // Keeps at least the signed-in owner able to manage users.
    const field = changes.role ? 'role' : 'status';
    throw new InvalidRequestError(
      fieldMessage(userFieldLabels[field], { ja: '自分自身の役割の変更や無効化はできません', en: 'you cannot demote or disable yourself' }),
      field,
    );
  }
  const next = {
    role: changes.role ?? current.role,
    officeIds: changes.officeIds ?? current.officeIds,
    grants: changes.role !== undefined && changes.role !== 'staff' && changes.grants === undefined ? [] : (changes.grants ?? current.grants),
    status: changes.status ?? current.status,
  };
  checkRoleShape(next);
  if (changes.officeIds) {
    const known = new Set((await offices.listOffices(operator.tenantId)).map((office) => office.officeId));
    if (changes.officeIds.some((officeId) => !known.has(officeId))) {
      throw new NotFoundError(fieldMessage(userFieldLabels.officeIds, { ja: '指定の拠点が見つかりません', en: 'office not found' }), 'officeIds');
    }
  }

  let changedFields: string[] = [];
  const updated = await tenants.updateOperatorUser(current, next, (stored) => {
    changedFields = changedFieldNames({ ...current, updatedAt: undefined }, { ...stored, updatedAt: undefined });
    if (changedFields.length === 0) return [];
    return [
      audit.entry({
        tenantId: operator.tenantId,
        userId: operator.userId,
        action: 'user.update',
        targetType: 'user',
        targetIds: [userId],
        changedFields,
        requestId: event.requestContext?.requestId,
      }),
    ];
  });
  if (next.role !== current.role) await accounts.changeGroup(current.email, current.role, next.role);
  if (next.status !== current.status) {
    if (next.status === 'disabled') await accounts.disable(current.email);
    else await accounts.enable(current.email);
  }
  logger.info('User updated', { changedFields });

  return { body: { user: userView(updated) } };
});
