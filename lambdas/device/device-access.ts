import type { Facility, FacilityRepository } from '../facility/facility-repository';
import { NotFoundError } from '../http/domain-errors';
import { reachesOffice, type OperatorAccess } from '../organisation/access-context';
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
