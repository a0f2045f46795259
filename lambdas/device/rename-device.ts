import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { NotFoundError } from '../http/domain-errors';
import { rejectForbiddenCharacters } from '../http/forbidden-characters';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { createAdminAuditLog, createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { requireManagedDevice } from './device-access';
import { deviceFieldLabels } from './device-field-labels';
import { toDeviceListItem } from './device-list-item';
import { DeviceRepository } from './device-repository';

const env = readEnvironment(['DIRECTORY_TABLE']);
const logger = createLogger('rename-device');
const devices = new DeviceRepository(documentClient, env.DIRECTORY_TABLE);
const { access, facilities } = createDirectoryServices();
const audit = createAdminAuditLog();

const deviceIdSchema = z.object({ deviceId: z.string().trim().min(1).max(64) });
const bodySchema = z.object({
  name: rejectForbiddenCharacters(z.string({ required_error: '必須です / required' }).trim().min(1, '必須です / required').max(50)),
});

/** POST /devices/{deviceId}/rename: gives a kiosk of a facility in the caller's offices a new name. */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'device:manage');
  const { deviceId } = parseInput(deviceIdSchema, event.pathParameters ?? {}, deviceFieldLabels);
  const { name } = parseInput(bodySchema, parseJsonBody(event.body, event.isBase64Encoded), deviceFieldLabels);
  logger.appendKeys({ deviceId });

  const { device: current } = await requireManagedDevice(caller, deviceId, { devices, facilities });
  const device = await devices.renameDevice(current, name, () => [
    audit.entry({
      tenantId: caller.tenantId,
      userId: caller.userId,
      action: 'device.rename',
      targetType: 'device',
      targetIds: [deviceId],
      changedFields: ['name'],
      requestId: event.requestContext?.requestId,
    }),
  ]);
  if (!device) throw new NotFoundError('端末が見つかりません / device not found', 'deviceId');
  logger.info('Device renamed');
  return { body: { device: toDeviceListItem(device, new Date()) } };
});
