import { createApiHandler } from '../http/api-handler';
import { createLogger } from '../runtime/logger';
import { reachesOffice } from './access-context';
import { createDirectoryServices } from './directory-services';
import { officeView } from './office-input';
import { requirePermission } from './permissions';

const logger = createLogger('list-offices');
const { access, offices } = createDirectoryServices();

/** GET /offices: the caller's offices (every office for owners), sorted by name. */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:read');

  const list = (await offices.listOffices(operator.tenantId)).filter((office) => reachesOffice(operator, office.officeId));
  return { body: { offices: list.map(officeView) } };
});
