import { isoCountryCodes } from './countries';
import { exceedsGraphemeLimit, hasForbiddenCharacters, normalizeGuestText } from './guest-text';
import { arrivalDateProblem, dayNumberOf, maxNights } from './stay-dates';
import type { GuestForm, StayForm } from './check-in-form';
import type { RegisterFields } from './register-fields';

/** An i18n key under `validation.` with its interpolation values. */
export interface ValidationMessage {
  key: string;
  values?: Record<string, number>;
}

export type FieldErrors<Field extends string> = Partial<Record<Field, ValidationMessage>>;

// NOTE: the guest limit is a product guess, not a legal limit. A facility's capacity setting
// should replace it once facilities carry one. The night limit, maxNights, is in stay-dates.ts.
export const maxGuests = 20;
export { maxNights };
// Text limits count graphemes (user-perceived characters), as exceedsGraphemeLimit checks them.
export const maxNameLength = 100;
export const maxAddressLength = 200;
export const maxOccupationLength = 100;
export const maxContactLength = 100;

/**
 * Validates stay dates and guest count. `today` is the facility's date in Japan as YYYY-MM-DD:
 * arrival is today, or yesterday for guests who arrive after midnight.
 */
export function validateStay(stay: StayForm, today: string): FieldErrors<keyof StayForm> {
  const errors: FieldErrors<keyof StayForm> = {};
  const arrival = dayNumberOf(stay.arrivalDate);
  const departure = dayNumberOf(stay.departureDate);
  const todayDay = dayNumberOf(today);

  if (stay.arrivalDate === '') errors.arrivalDate = { key: 'validation.required' };
  else if (arrival === undefined) errors.arrivalDate = { key: 'validation.dateInvalid' };
  else if (todayDay !== undefined) {
    const problem = arrivalDateProblem(arrival, todayDay);
    if (problem) errors.arrivalDate = { key: `validation.${problem}` };
  }

  if (stay.departureDate === '') errors.departureDate = { key: 'validation.required' };
  else if (departure === undefined) errors.departureDate = { key: 'validation.dateInvalid' };
  else if (arrival !== undefined && departure <= arrival) {
    errors.departureDate = { key: 'validation.departureNotAfterArrival' };
  } else if (arrival !== undefined && departure - arrival > maxNights) {
    errors.departureDate = { key: 'validation.stayTooLong', values: { max: maxNights } };
  }

  const count = Number(stay.guestCount);
  if (stay.guestCount.trim() === '') errors.guestCount = { key: 'validation.required' };
  else if (!Number.isInteger(count) || count < 1 || count > maxGuests) {
    errors.guestCount = { key: 'validation.guestCountRange', values: { max: maxGuests } };
  }
  return errors;
}

/**
 * Normalizes a typed passport number to the form printed in the machine-readable zone:
 * full-width IME input to ASCII (NFKC), no spaces or hyphens, upper case.
 */
export function normalizePassportNumber(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/**
 * ICAO 9303 document numbers are at most 9 characters of A–Z and 0–9 in the machine-readable
 * zone. NOTE: the minimum of 6 is what issuers use in practice, not an ICAO rule.
 */
const passportNumberPattern = /^[A-Z0-9]{6,9}$/;

export function isValidPassportNumber(value: string): boolean {
  return passportNumberPattern.test(normalizePassportNumber(value));
}

// A telephone number is an optional leading +, then digits, spaces, hyphens and brackets with
// 7 to 15 digits (E.164 allows at most 15). An email address has one @ and a dot in its domain.
const telephonePattern = /^\+?[0-9(][0-9\s()-]*$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Accepts a telephone number or an email address, typed with full-width IME characters or not. */
export function isValidContact(value: string): boolean {
  const normalized = value.normalize('NFKC').trim();
  if (emailPattern.test(normalized)) return true;
  const digits = normalized.replace(/\D/g, '').length;
  return telephonePattern.test(normalized) && digits >= 7 && digits <= 15;
}

/** Checks free text as the payload will carry it: normalized by normalizeGuestText. */
function validateText(value: string, maxLength: number): ValidationMessage | undefined {
  if (hasForbiddenCharacters(value)) return { key: 'validation.forbiddenCharacters' };
  const normalized = normalizeGuestText(value);
  if (normalized === '') return { key: 'validation.required' };
  if (exceedsGraphemeLimit(normalized, maxLength)) {
    return { key: 'validation.tooLong', values: { max: maxLength } };
  }
  return undefined;
}

type GuestField = Exclude<keyof GuestForm, 'guestId'>;

/**
 * Validates one guest's register fields: name and address always, occupation or contact as the
 * licence type requires. A guest without an address in Japan must also give nationality,
 * passport number, passport photo and face photo. Residents of Japan are never asked for them.
 */
export function validateGuest(guest: GuestForm, fields: RegisterFields): FieldErrors<GuestField> {
  const errors: FieldErrors<GuestField> = {};
  const name = validateText(guest.name, maxNameLength);
  if (name) errors.name = name;
  const address = validateText(guest.address, maxAddressLength);
  if (address) errors.address = address;
  if (fields.occupation) {
    const occupation = validateText(guest.occupation, maxOccupationLength);
    if (occupation) errors.occupation = occupation;
  }
  if (fields.contact) {
    const contact = validateText(guest.contact, maxContactLength);
    if (contact) errors.contact = contact;
    else if (!isValidContact(normalizeGuestText(guest.contact))) errors.contact = { key: 'validation.contactFormat' };
  }

  if (guest.hasAddressInJapan === undefined) {
    errors.hasAddressInJapan = { key: 'validation.choiceRequired' };
  }
  if (guest.hasAddressInJapan !== false) return errors;

  if (!isoCountryCodes.includes(guest.nationality)) {
    errors.nationality = { key: 'validation.nationalityRequired' };
  }
  if (guest.passportNumber.trim() === '') errors.passportNumber = { key: 'validation.required' };
  else if (!isValidPassportNumber(guest.passportNumber)) {
    errors.passportNumber = { key: 'validation.passportNumberFormat' };
  }
  if (!guest.passportPhoto) errors.passportPhoto = { key: 'validation.passportPhotoRequired' };
  if (!guest.facePhoto) errors.facePhoto = { key: 'validation.facePhotoRequired' };
  return errors;
}

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.keys(errors).length > 0;
}
