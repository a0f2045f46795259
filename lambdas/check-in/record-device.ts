import type { Device } from '../device/device-repository';
import type { CheckInRecord } from './check-in-record';

/**
 * Returns whether ingest may take a record owned by `device`: the device is active, or it was
 * revoked after AppSync last changed the record. AppSync admits a mutation only from an active
 * device and sets `_lastChangedAt` itself, so such a record was sent while the device was
 * active, for example by a kiosk revoked before ingest had taken its check-in. A record without
 * `_lastChangedAt` counts only while its device is active.
 */
export function isIngestibleFor(device: Device, record: Pick<CheckInRecord, '_lastChangedAt'>): boolean {
  if (device.status === 'active') return true;
  if (device.status !== 'revoked' || device.revokedAt === undefined || record._lastChangedAt === undefined) return false;
  return record._lastChangedAt < Date.parse(device.revokedAt);
}
