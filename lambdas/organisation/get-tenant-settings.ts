import { createApiHandler } from '../http/api-handler';
import { createLogger } from '../runtime/logger';
import { createDirectoryServices } from './directory-services';
import { requirePermission } from './permissions';

const logger = createLogger('get-tenant-settings');
const { access, tenants } = createDirectoryServices();

/** GET /tenant/settings: the owner's tenant settings, with the caller's address for the allowlist form. */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'user:manage');

  const tenant = await tenants.getTenant(operator.tenantId);
  return {
    body: {
      tenantName: tenant?.name ?? null,
      ipAllowlist: tenant?.ipAllowlist ?? [],
      callerIp: event.requestContext?.http?.sourceIp ?? null,
    },
  };
});
