/** One guest of a register entry, with each PII field encrypted under the tenant envelope. */
export interface SealedGuest {
  readonly guestId: string;
  readonly hasAddressInJapan: boolean;
  /** ISO 3166-1 alpha-2, kept readable because the 定期報告 counts guests by nationality. */
  readonly nationality?: string;
  readonly passportImageId?: string;
  readonly faceImageId?: string;
  /**
   * Keyed hash that recognises the same person in another stay of the tenant, so that
   * consecutive nights over back-to-back stays count one guest (guest-pii/person-identity.ts).
   * Absent on entries stored before it existed; they count each stay's guests apart.
   */
  readonly personKey?: string;
  /** base64 `iv || ciphertext || tag`, AAD `<tenantId>|<entryId>|guests/<guestId>/name`. */
  readonly name: string;
  readonly address: string;
  /** Present for facilities under 住宅宿泊事業法, which requires 職業. */
  readonly occupation?: string;
  /** Present for facilities under 旅館業法, which requires 連絡先. */
  readonly contact?: string;
  readonly passportNumber?: string;
}

/** One confirmation of who stays during a long stay: when, and by which operator. */
export interface LongStayConfirmation {
  /** ISO 8601. */
  readonly at: string;
  /** Cognito `sub` of the operator. */
  readonly userId: string;
  /** The operator's display name or email at that time, so the register shows who confirmed. */
  readonly userName: string;
}

/** A stay in the 宿泊者名簿, as stored in the Register table. */
export interface RegisterEntry {
  readonly tenantId: string;
  readonly entryId: string;
  readonly facilityId: string;
  readonly checkInId: string;
  readonly deviceId: string;
  readonly arrivalDate: string;
  readonly departureDate: string;
  readonly language: string;
  readonly consent: { readonly acceptedAt: string; readonly language: string };
  readonly guestCount: number;
  /** Month of the tenant data key that encrypts this entry's fields and images. */
  readonly keyPeriod: string;
  readonly guests: readonly SealedGuest[];
  readonly createdAt: string;
  /** Real check-in and check-out (ISO 8601) when an operator recorded or corrected them. */
  readonly checkedInAt?: string;
  readonly checkedOutAt?: string;
  /**
   * Each time an operator confirmed that no unverified person stays during a long stay (7
   * nights or more), oldest first, and the time of the last one.
   */
  readonly longStayConfirmations?: readonly LongStayConfirmation[];
  readonly lastLongStayConfirmedAt?: string;
  /** Number of corrections so far; absent on an entry never corrected. */
  readonly revision?: number;
  readonly correctedAt?: string;
  /** Epoch seconds: 3 years after creation (住宅宿泊事業法 施行規則 第7条), then DynamoDB TTL deletes it. */
  readonly expiresAt: number;
}

/** Attributes of an entry that a register list page reads; a DynamoDB projection fetches only these. */
export const registerEntrySummaryFields = [
  'entryId',
  'facilityId',
  'checkInId',
  'arrivalDate',
  'departureDate',
  'guestCount',
  'createdAt',
  'keyPeriod',
  'guests',
  // The stay period and the long-stay status of a list row read these.
  'consent',
  'checkedInAt',
  'checkedOutAt',
  'lastLongStayConfirmedAt',
] as const;

export type RegisterEntrySummary = Pick<RegisterEntry, (typeof registerEntrySummaryFields)[number]>;

/** Years a register entry is kept (住宅宿泊事業法 施行規則 第7条). */
export const retentionYears = 3;

/** Epoch seconds at which an entry created at `createdAt` may be deleted. */
export function retentionExpiry(createdAt: Date): number {
  const expiry = new Date(createdAt);
  expiry.setUTCFullYear(expiry.getUTCFullYear() + retentionYears);
  return Math.floor(expiry.getTime() / 1000);
}
