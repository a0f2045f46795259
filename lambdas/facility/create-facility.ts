import { randomUUID } from 'node:crypto';
import { createApiHandler } from '../http/api-handler';
import { parseJsonBody } from '../http/request-parsing';
import { requireOfficeAssignable } from '../organisation/access-context';
import { createAdminAuditLog, createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { duplicateLicenceError, officeNotFoundError, parseFacilityBody, toFacilityDetails } from './facility-details';
import { DuplicateLicenceNumberError } from './facility-repository';
import { facilityView } from './facility-view';

const logger = createLogger('create-facility');
const { access, facilities, offices } = createDirectoryServices();
const audit = createAdminAuditLog();

/** POST /facilities: owners and managers add a facility to one of their offices. */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:write');
  const input = parseFacilityBody(parseJsonBody(event.body, event.isBase64Encoded));
  requireOfficeAssignable(operator, input.officeId);
  if (!(await offices.getOffice(operator.tenantId, input.officeId))) {
    throw officeNotFoundError();
  }

  const facilityId = randomUUID();
  logger.appendKeys({ facilityId });
  let facility;
  try {
    facility = await facilities.addFacility(operator.tenantId, facilityId, toFacilityDetails(input), () => [
      audit.entry({
        tenantId: operator.tenantId,
        userId: operator.userId,
        action: 'facility.create',
        targetType: 'facility',
        targetIds: [facilityId],
        changedFields: Object.keys(input).sort(),
        requestId: event.requestContext?.requestId,
      }),
    ]);
  } catch (error) {
    if (error instanceof DuplicateLicenceNumberError) throw duplicateLicenceError();
    throw error;
  }
  logger.info('Facility created');

  return { statusCode: 201, body: { facility: facilityView(facility) } };
});
