import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { NotFoundError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { createAdminAuditLog, createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { requireManagedDevice } from './device-access';
import { deviceFieldLabels } from './device-field-labels';
import { toDeviceListItem } from './device-list-item';
import { DeviceRepository } from './device-repository';
import { revokeDeviceAccess } from './device-revocation';

const env = readEnvironment(['DIRECTORY_TABLE', 'USER_POOL_ID']);
const logger = createLogger('revoke-device');
const devices = new DeviceRepository(documentClient, env.DIRECTORY_TABLE);
const { access, facilities } = createDirectoryServices();
const audit = createAdminAuditLog();

const pathSchema = z.object({ deviceId: z.string().trim().min(1).max(64) });

/**
 * POST /devices/{deviceId}/revoke: marks a kiosk of a facility in the caller's offices revoked and
 * disables its Cognito user, so Cognito refuses its sign-in and token refresh. From then on the
 * API rejects the device's heartbeats and uploads, and ingest rejects its check-ins unless AppSync
 * stored their last change before the revocation. Repeating the call is harmless.
 * NOTE: a check-in that still waited for its images at the revocation never completes, because
 * the device can no longer mark them uploaded. The kiosk keeps its copy.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'device:manage');
  const { deviceId } = parseInput(pathSchema, event.pathParameters ?? {}, deviceFieldLabels);
  logger.appendKeys({ deviceId });

  const { device: current } = await requireManagedDevice(caller, deviceId, { devices, facilities });
  // A repeated call changes nothing, so it writes no second audit record.
  const device = await revokeDeviceAccess({ devices, audit, userPoolId: env.USER_POOL_ID }, current, {
    tenantId: caller.tenantId,
    userId: caller.userId,
    requestId: event.requestContext?.requestId,
  });
  if (!device) throw new NotFoundError('端末が見つかりません / device not found', 'deviceId');
  logger.info('Device revoked');
  return { body: { device: toDeviceListItem(device, new Date()) } };
});
