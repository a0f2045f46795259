import type { Facility, FacilityRepository } from '../facility/facility-repository';
import type { DeviceCaller } from '../http/caller';
import { ForbiddenError, NotFoundError } from '../http/domain-errors';
import { reachesOffice, type OperatorAccess } from '../organisation/access-context';
import { DeviceRevokedError } from './device-errors';
import type { Device, DeviceRepository } from './device-repository';

const deviceNotFound = () => new NotFoundError('端末が見つかりません / device not found', 'deviceId');

/**
 * Returns a device of the operator's tenant whose facility is in one of the operator's offices.
 * A device outside them is answered like a missing one (404), so its existence does not leak.
 */
export async function requireManagedDevice(
  operator: OperatorAccess,
  deviceId: string,
  repositories: { devices: DeviceRepository; facilities: FacilityRepository },
): Promise<{ device: Device; facility: Facility }> {
  const device = await repositories.devices.getDevice(operator.tenantId, deviceId);
  if (!device) throw deviceNotFound();
  const facility = await repositories.facilities.getFacility(operator.tenantId, device.facilityId);
  if (!facility || !reachesOffice(operator, facility.officeId)) throw deviceNotFound();
  return { device, facility };
}

/**
 * Returns the active device that signs in as the calling kiosk. A revoked device of the caller's
 * tenant raises 403 `device_revoked`, which the kiosk shows as "pair again". An unknown device or
 * one of another tenant raises 403 `forbidden`.
 */
export async function requireActiveCallerDevice(devices: DeviceRepository, caller: DeviceCaller): Promise<Device> {
  const device = await devices.findByCognitoUsername(caller.username);
  if (device?.status === 'revoked' && device.tenantId === caller.tenantId) throw new DeviceRevokedError();
  if (!device || device.status !== 'active' || device.tenantId !== caller.tenantId) {
    throw new ForbiddenError('この端末は登録されていないか無効です。再度ペアリングしてください / device is not paired or was revoked: pair it again');
  }
  return device;
}
