import { createApiHandler } from '../http/api-handler';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { requireInOffices, requireOfficeAssignable } from '../organisation/access-context';
import { changedFieldNames } from '../organisation/admin-audit';
import { createAdminAuditLog, createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { duplicateLicenceError, facilityNotFound, facilityPathLabels, facilityPathSchema, officeNotFoundError, parseFacilityEdit, staleFacilityError, toFacilityDetails } from './facility-details';
import { DuplicateLicenceNumberError, StaleFacilityError } from './facility-repository';
import { facilityView } from './facility-view';

const logger = createLogger('update-facility');
const { access, facilities, offices } = createDirectoryServices();
const audit = createAdminAuditLog();

/**
 * PUT /facilities/{facilityId}: replaces the editable fields. The body carries the `revision` of
 * the facility the operator read, and an edit based on an older revision gets a 409, so that two
 * operators editing at once cannot silently undo each other's change. Moving a facility to
 * another office needs both offices in the caller's reach.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:write');
  const { facilityId } = parseInput(facilityPathSchema, event.pathParameters ?? {}, facilityPathLabels);
  logger.appendKeys({ facilityId });
  const current = requireInOffices(operator, await facilities.getFacility(operator.tenantId, facilityId), facilityNotFound);

  const { revision, input } = parseFacilityEdit(parseJsonBody(event.body, event.isBase64Encoded));
  if (revision !== (current.revision ?? 0)) throw staleFacilityError();
  requireOfficeAssignable(operator, input.officeId);
  if (input.officeId !== current.officeId && !(await offices.getOffice(operator.tenantId, input.officeId))) {
    throw officeNotFoundError();
  }

  const details = toFacilityDetails(input, current);
  let changedFields: string[] = [];
  let updated;
  try {
    updated = await facilities.updateFacility(current, details, (next) => {
      changedFields = changedFieldNames({ ...current, updatedAt: undefined, revision: undefined }, { ...next, updatedAt: undefined, revision: undefined });
      if (changedFields.length === 0) return [];
      return [
        audit.entry({
          tenantId: operator.tenantId,
          userId: operator.userId,
          action: 'facility.update',
          targetType: 'facility',
          targetIds: [facilityId],
          changedFields,
          requestId: event.requestContext?.requestId,
        }),
      ];
    });
  } catch (error) {
    if (error instanceof DuplicateLicenceNumberError) throw duplicateLicenceError();
    // Another write landed between the read above and this one.
    if (error instanceof StaleFacilityError) throw staleFacilityError();
    throw error;
  }
  logger.info('Facility updated', { changedFields });

  return { body: { facility: facilityView(updated) } };
});
