import { isoCountryCodes } from './countries';
import type { GuestForm, StayForm } from './check-in-form';

/** An i18n key under `validation.` with its interpolation values. */
export interface ValidationMessage {
  key: string;
  values?: Record<string, number>;
}

export type FieldErrors<Field extends string> = Partial<Record<Field, ValidationMessage>>;

// NOTE: the guest and night limits are product guesses, not legal limits; a facility's
// capacity setting should replace maxGuests when facilities carry one.
export const maxGuests = 20;
export const maxNights = 365;
export const maxNameLength = 100;
export const maxAddressLength = 200;
export const maxOccupationLength = 100;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD as a UTC day number, or undefined for an impossible calendar date. */
function parseIsoDay(value: string): number | undefined {
  const match = isoDatePattern.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return undefined;
  if (date.getUTCDate() !== day) return undefined;
  return time / 86_400_000;
}

/**
 * Validates stay dates and guest count. `today` is the device's local date as YYYY-MM-DD;
 * yesterday is accepted as arrival for guests who arrive after midnight.
 */
export function validateStay(stay: StayForm, today: string): FieldErrors<keyof StayForm> {
  const errors: FieldErrors<keyof StayForm> = {};
  const arrival = parseIsoDay(stay.arrivalDate);
  const departure = parseIsoDay(stay.departureDate);
  const todayDay = parseIsoDay(today);

  if (stay.arrivalDate === '') errors.arrivalDate = { key: 'validation.required' };
  else if (arrival === undefined) errors.arrivalDate = { key: 'validation.dateInvalid' };
  else if (todayDay !== undefined && arrival < todayDay - 1) {
    errors.arrivalDate = { key: 'validation.arrivalTooEarly' };
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

/** ICAO 9303 document numbers are at most 9 characters; issuers use at least 6 in practice. */
const passportNumberPattern = /^[A-Z0-9]{6,9}$/;

export function isValidPassportNumber(value: string): boolean {
  return passportNumberPattern.test(normalizePassportNumber(value));
}

function validateText(value: string, maxLength: number): ValidationMessage | undefined {
  if (value.trim() === '') return { key: 'validation.required' };
  if (value.trim().length > maxLength) {
    return { key: 'validation.tooLong', values: { max: maxLength } };
  }
  return undefined;
}

type GuestField = Exclude<keyof GuestForm, 'guestId'>;

/**
 * Validates one guest's register fields. Without an address in Japan the guest must also give
 * nationality, passport number and passport photo.
 */
export function validateGuest(guest: GuestForm): FieldErrors<GuestField> {
  const errors: FieldErrors<GuestField> = {};
  const name = validateText(guest.name, maxNameLength);
  if (name) errors.name = name;
  const address = validateText(guest.address, maxAddressLength);
  if (address) errors.address = address;
  const occupation = validateText(guest.occupation, maxOccupationLength);
  if (occupation) errors.occupation = occupation;

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
  return errors;
}

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.keys(errors).length > 0;
}
