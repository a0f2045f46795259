import { createGuestForm, type GuestForm, type StayForm } from '../../kiosk/src/check-in/check-in-form';
import { isoCountryCodes, listCountries } from '../../kiosk/src/check-in/countries';
import {
  isValidPassportNumber,
  maxGuests,
  maxNameLength,
  normalizePassportNumber,
  validateGuest,
  validateStay,
} from '../../kiosk/src/check-in/validation';

const today = '2026-07-10';
const validStay: StayForm = { arrivalDate: '2026-07-10', departureDate: '2026-07-12', guestCount: '2' };

const resident: GuestForm = {
  ...createGuestForm('guest-1'),
  name: '検証 花子',
  address: '東京都千代田区架空町1-2-3',
  occupation: '会社員',
  hasAddressInJapan: true,
};

const visitor: GuestForm = {
  ...createGuestForm('guest-2'),
  name: 'Testa Nominata',
  address: '1 Example Street, Sampletown',
  occupation: 'Engineer',
  hasAddressInJapan: false,
  nationality: 'FR',
  passportNumber: 'XK1234567',
  passportPhoto: { imageId: 'image-1', jpeg: new Uint8Array([0xff, 0xd8, 0xff]) },
};

describe('validateStay', () => {
  test('accepts a valid stay', () => {
    expect(validateStay(validStay, today)).toEqual({});
  });

  test('accepts arrival yesterday', () => {
    expect(validateStay({ ...validStay, arrivalDate: '2026-07-09' }, today)).toEqual({});
  });

  test.each([
    ['empty arrival', { arrivalDate: '' }, 'arrivalDate', 'validation.required'],
    ['impossible date', { arrivalDate: '2026-02-30' }, 'arrivalDate', 'validation.dateInvalid'],
    ['malformed date', { arrivalDate: '10/07/2026' }, 'arrivalDate', 'validation.dateInvalid'],
    ['arrival two days ago', { arrivalDate: '2026-07-08' }, 'arrivalDate', 'validation.arrivalTooEarly'],
    ['empty departure', { departureDate: '' }, 'departureDate', 'validation.required'],
    ['same-day departure', { departureDate: '2026-07-10' }, 'departureDate', 'validation.departureNotAfterArrival'],
    ['departure before arrival', { departureDate: '2026-07-01' }, 'departureDate', 'validation.departureNotAfterArrival'],
    ['stay over a year', { departureDate: '2027-07-11' }, 'departureDate', 'validation.stayTooLong'],
    ['empty guest count', { guestCount: ' ' }, 'guestCount', 'validation.required'],
    ['zero guests', { guestCount: '0' }, 'guestCount', 'validation.guestCountRange'],
    ['fractional guests', { guestCount: '1.5' }, 'guestCount', 'validation.guestCountRange'],
    ['too many guests', { guestCount: String(maxGuests + 1) }, 'guestCount', 'validation.guestCountRange'],
  ] as const)('rejects %s', (_case, patch, field, key) => {
    const errors = validateStay({ ...validStay, ...patch }, today);
    expect(errors[field]?.key).toBe(key);
    expect(Object.keys(errors)).toEqual([field]);
  });

  test('passes the maximum to the message', () => {
    const errors = validateStay({ ...validStay, guestCount: '99' }, today);
    expect(errors.guestCount?.values).toEqual({ max: maxGuests });
  });
});

describe('validateGuest', () => {
  test('accepts a resident without passport fields', () => {
    expect(validateGuest(resident)).toEqual({});
  });

  test('accepts a visitor with passport fields', () => {
    expect(validateGuest(visitor)).toEqual({});
  });

  test('rejects a guest with nothing filled in', () => {
    const errors = validateGuest(createGuestForm('guest-3'));
    expect(errors.name?.key).toBe('validation.required');
    expect(errors.address?.key).toBe('validation.required');
    expect(errors.occupation?.key).toBe('validation.required');
    expect(errors.hasAddressInJapan?.key).toBe('validation.choiceRequired');
    expect(errors.passportNumber).toBeUndefined();
  });

  test('rejects whitespace-only text', () => {
    expect(validateGuest({ ...resident, name: '   ' }).name?.key).toBe('validation.required');
  });

  test('rejects an overlong name', () => {
    const errors = validateGuest({ ...resident, name: 'あ'.repeat(maxNameLength + 1) });
    expect(errors.name).toEqual({ key: 'validation.tooLong', values: { max: maxNameLength } });
  });

  test('never asks a resident for a passport', () => {
    const errors = validateGuest({ ...resident, nationality: '', passportNumber: '', passportPhoto: undefined });
    expect(errors).toEqual({});
  });

  test('requires passport fields without an address in Japan', () => {
    const errors = validateGuest({ ...visitor, nationality: '', passportNumber: '', passportPhoto: undefined });
    expect(errors.nationality?.key).toBe('validation.nationalityRequired');
    expect(errors.passportNumber?.key).toBe('validation.required');
    expect(errors.passportPhoto?.key).toBe('validation.passportPhotoRequired');
  });

  test('rejects an unknown country code', () => {
    expect(validateGuest({ ...visitor, nationality: 'XX' }).nationality?.key).toBe('validation.nationalityRequired');
  });

  test('rejects a malformed passport number', () => {
    expect(validateGuest({ ...visitor, passportNumber: 'AB12' }).passportNumber?.key).toBe(
      'validation.passportNumberFormat',
    );
  });
});

describe('passport number check', () => {
  test.each(['XK123456', 'xk1234567', 'XK 123 456', '123456', 'ＸＫ１２３４５６'])('accepts %s', (value) => {
    expect(isValidPassportNumber(value)).toBe(true);
  });

  test.each(['XK123', 'XK12345678', 'XK12345€', 'XK/123456', ''])('rejects %s', (value) => {
    expect(isValidPassportNumber(value)).toBe(false);
  });

  test('normalizes spaces and case', () => {
    expect(normalizePassportNumber(' xk 123-456 ')).toBe('XK123456');
  });

  test('normalizes full-width input', () => {
    expect(normalizePassportNumber('ｘｋ１２３４５６')).toBe('XK123456');
  });
});

describe('country list', () => {
  test('contains 249 unique codes', () => {
    expect(new Set(isoCountryCodes).size).toBe(249);
  });

  test('names countries in the guest language', () => {
    const japanese = listCountries('ja').find((country) => country.code === 'FR');
    const english = listCountries('en').find((country) => country.code === 'FR');
    expect(japanese?.name).toBe('フランス');
    expect(english?.name).toBe('France');
  });
});
