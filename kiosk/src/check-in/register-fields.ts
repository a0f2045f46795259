/**
 * Licence a facility operates under, as pairing returns it: 住宅宿泊事業 (`private-lodging`),
 * or 旅館業 as 簡易宿所 (`simple-lodging`) or 旅館・ホテル営業 (`ryokan-hotel`).
 */
export type LicenceType = 'private-lodging' | 'simple-lodging' | 'ryokan-hotel';

/** The register fields asked of every guest besides name and address. */
export interface RegisterFields {
  /** 職業: required by 住宅宿泊事業法 施行規則 第7条, no longer by 旅館業法 since 2023-12-13. */
  occupation: boolean;
  /** 連絡先 (telephone or email): required by 旅館業法 since the 2023-12-13 amendment. */
  contact: boolean;
}

/**
 * Returns the fields a licence type requires. Every licence adds nationality, passport number
 * and passport copy for guests without an address in Japan; that rule lives in validateGuest.
 * An unknown licence type asks both fields, so no register misses a required one.
 */
export function registerFieldsFor(licenceType: string): RegisterFields {
  switch (licenceType) {
    case 'private-lodging':
      return { occupation: true, contact: false };
    case 'simple-lodging':
    case 'ryokan-hotel':
      return { occupation: false, contact: true };
    default:
      return { occupation: true, contact: true };
  }
}
