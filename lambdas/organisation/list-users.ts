import { createApiHandler } from '../http/api-handler';
import { createLogger } from '../runtime/logger';
import { createDirectoryServices } from './directory-services';
import { requirePermission } from './permissions';
import { userView } from './user-input';

const logger = createLogger('list-users');
const { access, tenants } = createDirectoryServices();

/** GET /users: the tenant's head-office users, for the owner. */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'user:manage');

  const users = await tenants.listOperatorUsers(operator.tenantId);
  users.sort((a, b) => a.email.localeCompare(b.email));
  return { body: { users: users.map(userView) } };
});
