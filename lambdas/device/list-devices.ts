import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { FacilityRepository } from '../facility/facility-repository';
import { createApiHandler } from '../http/api-handler';
import { operatorCaller } from '../http/caller';
import { NotFoundError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { toDeviceListItem } from './device-list-item';
import { DeviceRepository } from './device-repository';

const env = readEnvironment(['DIRECTORY_TABLE']);
const logger = createLogger('list-devices');
const facilities = new FacilityRepository(documentClient, env.DIRECTORY_TABLE);
const devices = new DeviceRepository(documentClient, env.DIRECTORY_TABLE);

const pathSchema = z.object({ facilityId: z.string().trim().min(1).max(64) });

/** GET /facilities/{facilityId}/devices: the kiosks paired with a facility of the caller's tenant. */
export const handler = createApiHandler(logger, async (event) => {
  const caller = operatorCaller(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'device:manage');
  const { facilityId } = parseInput(pathSchema, event.pathParameters ?? {});
  logger.appendKeys({ facilityId });

  if (!(await facilities.getFacility(caller.tenantId, facilityId))) {
    throw new NotFoundError('施設が見つかりません / facility not found', 'facilityId');
  }
  const now = new Date();
  const list = await devices.listFacilityDevices(caller.tenantId, facilityId);
  return { body: { devices: list.map((device) => toDeviceListItem(device, now)) } };
});
