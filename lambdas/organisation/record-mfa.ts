import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../aws/cognito';
import { createApiHandler } from '../http/api-handler';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { createAdminAuditLog, createDirectoryServices } from './directory-services';

const env = readEnvironment(['USER_POOL_ID']);
const logger = createLogger('record-mfa');
const { access, tenants } = createDirectoryServices();
const audit = createAdminAuditLog();

/**
 * POST /me/mfa: reads from Cognito whether the caller signs in with TOTP and stores it in the
 * Directory record, which the users list shows. admin-web calls it after enrolment. The prod
 * rule for owners does not rely on the stored flag: the access resolver asks Cognito itself.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event, { allowWithoutMfa: true });
  logger.appendKeys({ tenantId: operator.tenantId });

  // In a pool that signs in by email the username is the user's sub.
  const cognitoUser = await cognitoClient.send(new AdminGetUserCommand({ UserPoolId: env.USER_POOL_ID, Username: operator.userId }));
  const mfaEnabled = (cognitoUser.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
  const current = await tenants.getOperatorUser(operator.tenantId, operator.userId);
  if (current && current.mfaEnabled !== mfaEnabled) {
    await tenants.updateOperatorUser(current, { mfaEnabled }, () => [
      audit.entry({
        tenantId: operator.tenantId,
        userId: operator.userId,
        action: 'user.update',
        targetType: 'user',
        targetIds: [operator.userId],
        changedFields: ['mfaEnabled'],
        requestId: event.requestContext?.requestId,
      }),
    ]);
  }
  logger.info('MFA state recorded', { mfaEnabled });

  return { body: { mfaEnabled } };
});
