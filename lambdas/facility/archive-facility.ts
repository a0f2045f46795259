import { documentClient } from '../aws/dynamodb';
import { DeviceRepository } from '../device/device-repository';
import { revokeDeviceAccess } from '../device/device-revocation';
import { createApiHandler } from '../http/api-handler';
import { ConflictError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { requireInOffices } from '../organisation/access-context';
import { createAdminAuditLog, createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { facilityNotFound, facilityPathLabels, facilityPathSchema, staleFacilityError } from './facility-details';
import { StaleFacilityError, type Facility } from './facility-repository';
import { facilityView } from './facility-view';

const env = readEnvironment(['DIRECTORY_TABLE', 'USER_POOL_ID']);
const logger = createLogger('archive-facility');
const { access, facilities } = createDirectoryServices();
const devices = new DeviceRepository(documentClient, env.DIRECTORY_TABLE);
const audit = createAdminAuditLog();

/**
 * POST /facilities/{facilityId}/archive: takes a facility out of service and revokes its active
 * kiosks as POST /devices/{deviceId}/revoke does, so they check in no more guests. Ingest still
 * accepts the check-ins that AppSync stored before the revocation. The register entries stay for
 * the 3 years the law requires, so nothing is deleted.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:write');
  const { facilityId } = parseInput(facilityPathSchema, event.pathParameters ?? {}, facilityPathLabels);
  logger.appendKeys({ facilityId });
  const current = requireInOffices(operator, await facilities.getFacility(operator.tenantId, facilityId), facilityNotFound);
  const requestId = event.requestContext?.requestId;

  let archived: Facility | undefined;
  if (current.status !== 'archived') {
    try {
      archived = await facilities.archiveFacility(current, () => [
        audit.entry({
          tenantId: operator.tenantId,
          userId: operator.userId,
          action: 'facility.archive',
          targetType: 'facility',
          targetIds: [facilityId],
          changedFields: ['status'],
          requestId,
        }),
      ]);
    } catch (error) {
      if (error instanceof StaleFacilityError) throw staleFacilityError();
      throw error;
    }
  }

  // Revoked after the archive is stored: a later pairing fails its facility check, and this
  // consistent read lists every earlier kiosk. A repeated call revokes what a failed one left.
  // NOTE: `facility:write` alone allows this, without `device:manage`, because archiving a
  // facility implies that its kiosks stop.
  let revokedDevices = 0;
  for (const device of await devices.listFacilityDevices(operator.tenantId, facilityId)) {
    if (device.status !== 'active') continue;
    await revokeDeviceAccess(
      { devices, audit, userPoolId: env.USER_POOL_ID },
      device,
      { tenantId: operator.tenantId, userId: operator.userId, requestId },
    );
    revokedDevices += 1;
  }
  if (!archived) {
    logger.info('Facility already archived', { revokedDevices });
    throw new ConflictError('この施設はすでにアーカイブされています / this facility is already archived', 'facilityId');
  }
  logger.info('Facility archived', { revokedDevices });

  return { body: { facility: facilityView(archived) } };
});
