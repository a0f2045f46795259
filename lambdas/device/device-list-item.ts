import type { Device } from './device-repository';

/** Heartbeats a device may miss before admin-web shows it offline; the kiosk beats every minute. */
export const onlineWindowMs = 3 * 60_000;

/** Converts a device to its admin-web list entry, without its Cognito names. */
export function toDeviceListItem(device: Device, now: Date) {
  const lastSeen = device.lastSeenAt ? Date.parse(device.lastSeenAt) : undefined;
  return {
    deviceId: device.deviceId,
    facilityId: device.facilityId,
    name: device.name,
    status: device.status,
    pairedAt: device.pairedAt,
    lastSeenAt: device.lastSeenAt ?? null,
    appVersion: device.appVersion ?? null,
    pendingCount: device.pendingCount ?? null,
    online: device.status === 'active' && lastSeen !== undefined && now.getTime() - lastSeen <= onlineWindowMs,
    revokedAt: device.revokedAt ?? null,
  };
}
