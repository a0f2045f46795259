import { createApiHandler } from '../http/api-handler';
import { ConflictError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { requireInOffices } from '../organisation/access-context';
import { createAdminAuditLog, createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { facilityNotFound, facilityPathLabels, facilityPathSchema } from './facility-details';
import { facilityView } from './facility-view';

const logger = createLogger('archive-facility');
const { access, facilities } = createDirectoryServices();
const audit = createAdminAuditLog();

/**
 * POST /facilities/{facilityId}/archive: takes a facility out of service. Its register entries
 * stay for the 3 years the law requires, so nothing is deleted.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:write');
  const { facilityId } = parseInput(facilityPathSchema, event.pathParameters ?? {}, facilityPathLabels);
  logger.appendKeys({ facilityId });
  const current = requireInOffices(operator, await facilities.getFacility(operator.tenantId, facilityId), facilityNotFound);
  if (current.status === 'archived') {
    throw new ConflictError('この施設はすでにアーカイブされています / this facility is already archived', 'facilityId');
  }

  const archived = await facilities.archiveFacility(current, () => [
    audit.entry({
      tenantId: operator.tenantId,
      userId: operator.userId,
      action: 'facility.archive',
      targetType: 'facility',
      targetIds: [facilityId],
      changedFields: ['status'],
      requestId: event.requestContext?.requestId,
    }),
  ]);
  logger.info('Facility archived');

  return { body: { facility: facilityView(archived) } };
});
