import { createApiHandler } from '../http/api-handler';
import { createLogger } from '../runtime/logger';
import { createDirectoryServices } from './directory-services';
import { effectivePermissions } from './permissions';

const logger = createLogger('get-me');
const { access, tenants } = createDirectoryServices();

/**
 * GET /me: the signed-in operator, their tenant, and what they may do. Role, offices and grants
 * come from the Directory record, so admin-web shows what the handlers enforce.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event, { allowWithoutMfa: true });
  logger.appendKeys({ tenantId: operator.tenantId });

  const tenant = await tenants.getTenant(operator.tenantId);

  return {
    body: {
      tenantId: operator.tenantId,
      tenantName: tenant?.name,
      userId: operator.userId,
      email: operator.email,
      role: operator.role,
      displayName: operator.displayName,
      officeIds: operator.officeIds,
      allOffices: operator.allOffices,
      grants: operator.grants,
      permissions: operator.mfaSetupRequired ? [] : effectivePermissions(operator.role, operator.grants),
      mfaEnabled: operator.mfaEnabled,
      mfaSetupRequired: operator.mfaSetupRequired,
    },
  };
});
