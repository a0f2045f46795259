import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

/**
 * Licence a facility operates under: 住宅宿泊事業 (private-lodging), or 旅館業 as 簡易宿所
 * (simple-lodging) or 旅館・ホテル (ryokan-hotel). It decides which register fields are required.
 */
export const licenceTypeSchema = z.enum(['private-lodging', 'simple-lodging', 'ryokan-hotel']);
export type LicenceType = z.infer<typeof licenceTypeSchema>;

export const houseRuleLanguages = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko'] as const;

export const facilitySchema = z.object({
  facilityId: z.string().min(1),
  name: z.string(),
  licenceType: licenceTypeSchema,
  /** 届出番号 or 許可番号. */
  licenceNumber: z.string(),
  address: z.string(),
  postalAddress: z
    .object({ postalCode: z.string(), prefecture: z.string(), city: z.string(), street: z.string(), building: z.string().optional() })
    .nullable()
    .optional(),
  capacity: z.number().nullable().optional(),
  officeId: z.string().nullable().optional(),
  houseRules: z.record(z.string()).optional(),
  entryCode: z.string().nullable().optional(),
  localDayLimit: z.number().nullable().optional(),
  /** 届出日 as `YYYY-MM-DD`; null until the operator enters it. */
  notificationDate: z.string().nullable().optional(),
  status: z.enum(['active', 'archived']).default('active'),
  /** Revision the API returns with every read. An edit sends it back and gets a 409 once it is outdated. */
  revision: z.number().int().min(0),
});

export type Facility = z.infer<typeof facilitySchema>;

export const facilityListSchema = z.object({
  facilities: z.array(facilitySchema),
});

const facilityResponseSchema = z.object({ facility: facilitySchema });

/** The editable fields, as the create and edit forms send them. */
export interface FacilityInput {
  name: string;
  licenceType: LicenceType;
  licenceNumber: string;
  postalCode: string;
  prefecture: string;
  city: string;
  street: string;
  building: string;
  capacity: string;
  officeId: string;
  entryCode: string;
  localDayLimit: string;
  /** `YYYY-MM-DD` from the date input, or empty. */
  notificationDate: string;
  houseRules: Partial<Record<(typeof houseRuleLanguages)[number], string>>;
}

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

export async function getFacility(client: ApiClient, facilityId: string): Promise<Facility> {
  return (await client.get(`/facilities/${encodeURIComponent(facilityId)}`, facilityResponseSchema)).facility;
}

/** A facility as the edit form read it: which one, and its revision then. */
export interface EditedFacility {
  facilityId: string;
  revision: number;
}

/** Creates a facility, or replaces the fields of `edited` when given. */
export async function saveFacility(client: ApiClient, edited: EditedFacility | undefined, input: FacilityInput): Promise<Facility> {
  const body = {
    ...input,
    capacity: input.capacity === '' ? undefined : input.capacity,
    localDayLimit: input.localDayLimit,
    houseRules: Object.fromEntries(Object.entries(input.houseRules).filter(([, text]) => text && text.trim() !== '')),
  };
  const response = edited
    ? await client.put(`/facilities/${encodeURIComponent(edited.facilityId)}`, facilityResponseSchema, { ...body, revision: edited.revision })
    : await client.post('/facilities', facilityResponseSchema, body);
  return response.facility;
}

export async function archiveFacility(client: ApiClient, facilityId: string): Promise<Facility> {
  return (await client.post(`/facilities/${encodeURIComponent(facilityId)}/archive`, facilityResponseSchema)).facility;
}

export function createPairingCode(client: ApiClient, facilityId: string): Promise<PairingCode> {
  return client.post(`/facilities/${encodeURIComponent(facilityId)}/pairing-codes`, pairingCodeSchema);
}
