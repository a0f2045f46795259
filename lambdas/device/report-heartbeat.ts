import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { FacilityRepository } from '../facility/facility-repository';
import { createApiHandler } from '../http/api-handler';
import { deviceCaller } from '../http/caller';
import { ForbiddenError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { deviceFieldLabels } from './device-field-labels';
import { DeviceRevokedError } from './device-errors';
import { DeviceRepository } from './device-repository';

const env = readEnvironment(['DIRECTORY_TABLE']);
const logger = createLogger('report-heartbeat');
const devices = new DeviceRepository(documentClient, env.DIRECTORY_TABLE);
const facilities = new FacilityRepository(documentClient, env.DIRECTORY_TABLE);

const requestSchema = z.object({
  appVersion: z.string().trim().min(1).max(64),
  pendingCount: z.number().int().min(0).max(100_000),
});

/**
 * POST /devices/heartbeat: a paired kiosk reports its app version and unsent check-ins, and
 * receives its name and its facility's house rules and door code. A revoked device gets 403
 * `device_revoked`, which the kiosk turns into a "pair again" message for staff.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = deviceCaller(event);
  logger.appendKeys({ tenantId: caller.tenantId, facilityId: caller.facilityId });
  const report = parseInput(requestSchema, parseJsonBody(event.body, event.isBase64Encoded), deviceFieldLabels);

  const device = await devices.findByCognitoUsername(caller.username);
  if (!device || device.tenantId !== caller.tenantId || device.facilityId !== caller.facilityId) {
    throw new ForbiddenError('この端末は登録されていません。再度ペアリングしてください / device is not paired: pair it again');
  }
  logger.appendKeys({ deviceId: device.deviceId });
  if (device.status !== 'active' || !(await devices.recordHeartbeat(device.tenantId, device.deviceId, report, new Date()))) {
    throw new DeviceRevokedError();
  }

  const facility = await facilities.getFacility(device.tenantId, device.facilityId);
  return {
    body: {
      device: { deviceId: device.deviceId, name: device.name },
      facility: {
        houseRules: facility?.houseRules ?? {},
        ...(facility?.entryCode ? { doorCode: facility.entryCode } : {}),
      },
    },
  };
});
