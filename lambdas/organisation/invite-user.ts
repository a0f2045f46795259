import { cognitoClient } from '../aws/cognito';
import { sesClient } from '../aws/ses';
import { createApiHandler } from '../http/api-handler';
import { ConflictError, NotFoundError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { fieldMessage } from '../http/validation-messages';
import { sendUserInvitation } from '../mail/user-invitation';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { createAdminAuditLog, createDirectoryServices } from './directory-services';
import { EmailTakenError, generateTemporaryPassword, OperatorAccounts } from './operator-accounts';
import { requirePermission } from './permissions';
import { checkRoleShape, inviteBodySchema, userFieldLabels, userView } from './user-input';

const env = readEnvironment(['USER_POOL_ID', 'MAIL_FROM', 'ADMIN_WEB_URL']);
const logger = createLogger('invite-user');
const { access, offices, tenants } = createDirectoryServices();
const audit = createAdminAuditLog();
const accounts = new OperatorAccounts(cognitoClient, env.USER_POOL_ID);

/** Days a temporary password stays valid; AuthStack sets the same `tempPasswordValidity`. */
const temporaryPasswordDays = 3;

/**
 * POST /users: the owner invites a head-office user by email. Cognito gets the user with a
 * temporary password, the Directory gets role, offices and grants, and the user gets a mail in
 * Japanese and English.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'user:manage');
  const input = parseInput(inviteBodySchema, parseJsonBody(event.body, event.isBase64Encoded), userFieldLabels);
  checkRoleShape(input);
  const known = new Set((await offices.listOffices(operator.tenantId)).map((office) => office.officeId));
  if (input.officeIds.some((officeId) => !known.has(officeId))) {
    throw new NotFoundError(fieldMessage(userFieldLabels.officeIds, { ja: '指定の拠点が見つかりません', en: 'office not found' }), 'officeIds');
  }

  const temporaryPassword = generateTemporaryPassword();
  let userId: string;
  try {
    userId = await accounts.createUser({ email: input.email, tenantId: operator.tenantId, role: input.role, temporaryPassword });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      throw new ConflictError(fieldMessage(userFieldLabels.email, { ja: 'すでに登録されています', en: 'already registered' }), 'email');
    }
    throw error;
  }
  logger.appendKeys({ userId });
  const user = await tenants.putOperatorUser(
    {
      tenantId: operator.tenantId,
      userId,
      email: input.email,
      displayName: input.displayName || undefined,
      role: input.role,
      officeIds: input.officeIds,
      grants: input.grants,
    },
    () => [
      audit.entry({
        tenantId: operator.tenantId,
        userId: operator.userId,
        action: 'user.invite',
        targetType: 'user',
        targetIds: [userId],
        changedFields: ['email', 'role', 'officeIds', 'grants', 'displayName'].filter((field) => field in input),
        requestId: event.requestContext?.requestId,
      }),
    ],
  );
  const tenant = await tenants.getTenant(operator.tenantId);
  await sendUserInvitation(sesClient, {
    from: env.MAIL_FROM,
    role: input.role,
    invitation: {
      tenantName: tenant?.name ?? '',
      email: input.email,
      temporaryPassword,
      signInUrl: env.ADMIN_WEB_URL,
      validDays: temporaryPasswordDays,
    },
  });
  logger.info('User invited', { role: input.role });

  return { statusCode: 201, body: { user: userView(user) } };
});
