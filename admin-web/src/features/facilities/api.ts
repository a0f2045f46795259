import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

/**
 * Licence a facility operates under: 住宅宿泊事業 (private-lodging), or 旅館業 as 簡易宿所
 * (simple-lodging) or 旅館・ホテル (ryokan-hotel). It decides which register fields are required.
 */
export const licenceTypeSchema = z.enum(['private-lodging', 'simple-lodging', 'ryokan-hotel']);

export const facilitySchema = z.object({
  facilityId: z.string().min(1),
  name: z.string(),
  licenceType: licenceTypeSchema,
  /** 届出番号 or 許可番号. */
  licenceNumber: z.string(),
  address: z.string(),
});

export type Facility = z.infer<typeof facilitySchema>;

export const facilityListSchema = z.object({
  facilities: z.array(facilitySchema),
});

/** One-time code that pairs a kiosk with a facility. It works once, and only until `expiresAt`. */
export const pairingCodeSchema = z.object({
  pairingCode: z.string().min(1),
  facilityId: z.string().min(1),
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
