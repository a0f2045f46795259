import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { parseInput } from '../http/request-parsing';
import { requireInOffices } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { deviceFieldLabels } from './device-field-labels';
import { toDeviceListItem } from './device-list-item';
import { DeviceRepository } from './device-repository';

const env = readEnvironment(['DIRECTORY_TABLE']);
const logger = createLogger('list-devices');
const { access, facilities } = createDirectoryServices();
const devices = new DeviceRepository(documentClient, env.DIRECTORY_TABLE);

const pathSchema = z.object({ facilityId: z.string().trim().min(1).max(64) });

/** GET /facilities/{facilityId}/devices: the kiosks paired with a facility of the caller's offices. */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'device:manage');
  const { facilityId } = parseInput(pathSchema, event.pathParameters ?? {}, deviceFieldLabels);
  logger.appendKeys({ facilityId });

  requireInOffices(caller, await facilities.getFacility(caller.tenantId, facilityId), {
    ja: '施設が見つかりません',
    en: 'facility not found',
    field: 'facilityId',
  });
  const now = new Date();
  const list = await devices.listFacilityDevices(caller.tenantId, facilityId);
  return { body: { devices: list.map((device) => toDeviceListItem(device, now)) } };
});
