import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

/** A paired kiosk as `GET /facilities/{facilityId}/devices` lists it. */
export const deviceSchema = z.object({
  deviceId: z.string().min(1),
  facilityId: z.string().min(1),
  name: z.string(),
  status: z.enum(['active', 'revoked']),
  /** ISO 8601 date-times. */
  pairedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  appVersion: z.string().nullable(),
  /** Check-ins not yet sent (未送信), as the kiosk last reported them. */
  pendingCount: z.number().int().nullable(),
  /** True while the kiosk has sent a heartbeat within the last 3 minutes. */
  online: z.boolean(),
  revokedAt: z.string().nullable(),
});

export type Device = z.infer<typeof deviceSchema>;

const deviceListSchema = z.object({ devices: z.array(deviceSchema) });
const deviceResultSchema = z.object({ device: deviceSchema });

export async function listDevices(client: ApiClient, facilityId: string): Promise<Device[]> {
  const body = await client.get(`/facilities/${encodeURIComponent(facilityId)}/devices`, deviceListSchema);
  return body.devices;
}

export async function renameDevice(client: ApiClient, deviceId: string, name: string): Promise<Device> {
  const body = await client.post(`/devices/${encodeURIComponent(deviceId)}/rename`, deviceResultSchema, { name });
  return body.device;
}

export async function revokeDevice(client: ApiClient, deviceId: string): Promise<Device> {
  const body = await client.post(`/devices/${encodeURIComponent(deviceId)}/revoke`, deviceResultSchema);
  return body.device;
}
