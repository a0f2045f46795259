import { createApiHandler } from '../http/api-handler';
import { withinOffices } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { facilityView } from './facility-view';

const logger = createLogger('list-facilities');
const { access, facilities } = createDirectoryServices();

/**
 * GET /facilities: the facilities of the caller's offices (every facility for owners), archived
 * ones included with their status, sorted by name.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:read');

  const list = withinOffices(operator, await facilities.listFacilities(operator.tenantId));
  list.sort((a, b) => a.name.localeCompare(b.name, 'ja'));

  return { body: { facilities: list.map(facilityView) } };
});
