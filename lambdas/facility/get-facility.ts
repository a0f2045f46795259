import { createApiHandler } from '../http/api-handler';
import { parseInput } from '../http/request-parsing';
import { requireInOffices } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { facilityNotFound, facilityPathLabels, facilityPathSchema } from './facility-details';
import { facilityView } from './facility-view';

const logger = createLogger('get-facility');
const { access, facilities } = createDirectoryServices();


/** GET /facilities/{facilityId}: one facility of the caller's offices with every field. */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:read');
  const { facilityId } = parseInput(facilityPathSchema, event.pathParameters ?? {}, facilityPathLabels);
  logger.appendKeys({ facilityId });

  const facility = requireInOffices(operator, await facilities.getFacility(operator.tenantId, facilityId), facilityNotFound);
  return { body: { facility: facilityView(facility) } };
});
