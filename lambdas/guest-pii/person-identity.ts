import { createHmac } from 'node:crypto';

/**
 * Register fields that identify one person across stays. A guest without an address in Japan
 * is identified by nationality and passport number, because no two passports share them. A
 * guest with an address in Japan gives no passport, so name and address identify them.
 * NOTE: the register holds no birth date, so two residents with the same name at the same
 * address count as one person.
 */
export interface PersonIdentityFields {
  readonly name: string;
  readonly address: string;
  readonly hasAddressInJapan: boolean;
  readonly nationality?: string;
  readonly passportNumber?: string;
}

/** Characters people type in different ways for the same name or address: spaces, dots, hyphens, commas. */
const separators = /[\s.,'’"\-‐‑‒–—―−ー－・、。]/gu;

/**
 * Normalises a name or address so that the ways people type the same text at a kiosk match:
 * NFKC (full-width letters and digits to half-width, half-width katakana to full-width),
 * lower case, and no spaces, dots, hyphens or commas.
 */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(separators, '');
}

/** Passport numbers compare by letters and digits only, in upper case. */
export function normalisePassportNumber(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Builds the text that identifies a person. Only its HMAC is stored. Fields are joined with
 * U+0000, which no normalised field contains.
 */
export function personIdentityText(guest: PersonIdentityFields): string {
  if (!guest.hasAddressInJapan && guest.nationality && guest.passportNumber) {
    return ['passport', guest.nationality.toUpperCase(), normalisePassportNumber(guest.passportNumber)].join('\u0000');
  }
  return ['resident', normaliseText(guest.name), normaliseText(guest.address)].join('\u0000');
}

/**
 * Recognises one person across the stays of one tenant: HMAC-SHA256 under the tenant's
 * person-matching key. Each tenant has its own key, so the same guest at two tenants gets
 * unrelated values. Without the key, a guessed name or passport number cannot be tested
 * against a stored value.
 */
export class PersonMatcher {
  constructor(private readonly key: Buffer) {}

  /** Returns the person key of a guest: base64url of the HMAC, 43 characters. */
  personKeyOf(guest: PersonIdentityFields): string {
    return createHmac('sha256', this.key).update(personIdentityText(guest), 'utf8').digest('base64url');
  }
}
