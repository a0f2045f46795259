import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

export const facilitySchema = z.object({
  facilityId: z.string().min(1),
  name: z.string(),
});

export type Facility = z.infer<typeof facilitySchema>;

export const facilityListSchema = z.object({
  facilities: z.array(facilitySchema),
});

/** One-time code that pairs a kiosk with a facility; single use, valid until `expiresAt`. */
export const pairingCodeSchema = z.object({
  code: z.string().min(1),
  /** ISO 8601 date-time with offset. */
  expiresAt: z.string().datetime({ offset: true }),
});

export type PairingCode = z.infer<typeof pairingCodeSchema>;

export async function listFacilities(client: ApiClient): Promise<Facility[]> {
  const body = await client.get('/facilities', facilityListSchema);
  return body.facilities;
}

export function createPairingCode(client: ApiClient, facilityId: string): Promise<PairingCode> {
  return client.post(`/facilities/${encodeURIComponent(facilityId)}/pairing-codes`, pairingCodeSchema);
}
