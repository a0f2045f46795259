import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { operatorCaller } from '../http/caller';
import { NotFoundError } from '../http/domain-errors';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { TenantRepository } from './tenant-repository';

const env = readEnvironment(['DIRECTORY_TABLE']);
const logger = createLogger('get-me');
const tenants = new TenantRepository(documentClient, env.DIRECTORY_TABLE);

/** GET /me: the signed-in operator and their tenant. The role comes from the token's groups. */
export const handler = createApiHandler(logger, async (event) => {
  const caller = operatorCaller(event);
  logger.appendKeys({ tenantId: caller.tenantId });

  const [tenant, user] = await Promise.all([
    tenants.getTenant(caller.tenantId),
    tenants.getOperatorUser(caller.tenantId, caller.userId),
  ]);
  if (!tenant) {
    throw new NotFoundError('テナントが見つかりません / tenant not found', 'tenantId');
  }

  return {
    body: {
      tenantId: tenant.tenantId,
      tenantName: tenant.name,
      userId: caller.userId,
      email: user?.email ?? caller.email ?? null,
      role: caller.role,
      displayName: user?.displayName,
    },
  };
});
