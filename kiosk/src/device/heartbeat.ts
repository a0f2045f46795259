import { z } from 'zod';
import { facilitySettingsSchema, type FacilitySettings } from './facility-settings';

/** What the kiosk reports about itself; the operator sees it in the device list. */
export interface HeartbeatReport {
  appVersion: string;
  /** Check-ins on this device not yet confirmed by the server (未送信). */
  pendingCount: number;
}

export type HeartbeatResult =
  | { status: 'active'; deviceName: string; facility: FacilitySettings }
  | { status: 'revoked' };

const heartbeatResponseSchema = z.object({
  device: z.object({ name: z.string() }),
  facility: facilitySettingsSchema,
});

const errorResponseSchema = z.object({ error: z.object({ code: z.string() }) });

/**
 * Sends `POST /devices/heartbeat` with the device's ID token. Returns the facility settings, or
 * `revoked` when the API answers 403 `device_revoked`; throws on any other failure, so the
 * caller retries later.
 */
export async function sendHeartbeat(apiUrl: string, idToken: string, report: HeartbeatReport): Promise<HeartbeatResult> {
  const response = await fetch(`${apiUrl}/devices/heartbeat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${idToken}` },
    body: JSON.stringify(report),
  });
  if (response.status === 403) {
    const body = errorResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (body.success && body.data.error.code === 'device_revoked') return { status: 'revoked' };
  }
  if (!response.ok) throw new Error(`Heartbeat failed with HTTP ${response.status}.`);
  const parsed = heartbeatResponseSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error('Heartbeat response is missing device or facility fields.');
  return { status: 'active', deviceName: parsed.data.device.name, facility: parsed.data.facility };
}

const revokedKey = 'open-sesame.kiosk.revoked';

/** Remembers across reloads that the server revoked this device, until staff pair it again. */
export function markDeviceRevoked(): void {
  localStorage.setItem(revokedKey, new Date().toISOString());
}

export function isDeviceMarkedRevoked(): boolean {
  return localStorage.getItem(revokedKey) !== null;
}

export function clearDeviceRevoked(): void {
  localStorage.removeItem(revokedKey);
}
