import { createGuestForm, type GuestForm, type StayForm } from '../../kiosk/src/check-in/check-in-form';
import { isoCountryCodes, listCountries } from '../../kiosk/src/check-in/countries';
import {
  isValidPassportNumber,
  maxGuests,
  maxNameLength,
  normalizePassportNumber,
  validateGuest,
  validateStay,
  isValidContact,
  maxNights,
} from '../../kiosk/src/check-in/validation';
import { japanDateOf } from '../../kiosk/src/check-in/stay-dates';
import { createStayForm } from '../../kiosk/src/check-in/check-in-form';
import { registerFieldsFor } from '../../kiosk/src/check-in/register-fields';

const privateLodging = registerFieldsFor('private-lodging');
const ryokan = registerFieldsFor('ryokan-hotel');

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
  facePhoto: { imageId: 'image-2', jpeg: new Uint8Array([0xff, 0xd8, 0xff]) },
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
    ['arrival tomorrow', { arrivalDate: '2026-07-11' }, 'arrivalDate', 'validation.arrivalInFuture'],
    ['arrival years ahead', { arrivalDate: '2031-01-01', departureDate: '2031-01-02' }, 'arrivalDate', 'validation.arrivalInFuture'],
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

  test('rejects a year-long future stay', () => {
    const errors = validateStay({ arrivalDate: '2031-01-01', departureDate: '2031-12-31', guestCount: '1' }, today);
    expect(errors.arrivalDate?.key).toBe('validation.arrivalInFuture');
    expect(errors.departureDate).toEqual({ key: 'validation.stayTooLong', values: { max: maxNights } });
  });

  test('caps the stay at maxNights', () => {
    const departureAfter = (nights: number) => new Date(Date.parse('2026-07-10T00:00:00Z') + nights * 86_400_000).toISOString().slice(0, 10);
    expect(validateStay({ ...validStay, departureDate: departureAfter(maxNights) }, today)).toEqual({});
    const errors = validateStay({ ...validStay, departureDate: departureAfter(maxNights + 1) }, today);
    expect(errors.departureDate?.key).toBe('validation.stayTooLong');
  });
});

describe('japanDateOf', () => {
  test.each([
    ['2026-07-09T14:59:59Z', '2026-07-09'],
    ['2026-07-09T15:00:00Z', '2026-07-10'],
    ['2026-12-31T15:30:00Z', '2027-01-01'],
  ])('dates %s in Japan', (instant, date) => {
    expect(japanDateOf(new Date(instant))).toBe(date);
  });
});

describe('createStayForm', () => {
  test('starts today in Japan for one night', () => {
    const stay = createStayForm(new Date('2026-07-09T16:00:00Z'));
    expect(stay).toEqual({ arrivalDate: '2026-07-10', departureDate: '2026-07-11', guestCount: '1' });
  });
});

describe('validateGuest', () => {
  test('accepts a resident without passport fields', () => {
    expect(validateGuest(resident, privateLodging)).toEqual({});
  });

  test('accepts a visitor with passport fields', () => {
    expect(validateGuest(visitor, privateLodging)).toEqual({});
  });

  test('rejects a guest with nothing filled in', () => {
    const errors = validateGuest(createGuestForm('guest-3'), privateLodging);
    expect(errors.name?.key).toBe('validation.required');
    expect(errors.address?.key).toBe('validation.required');
    expect(errors.occupation?.key).toBe('validation.required');
    expect(errors.hasAddressInJapan?.key).toBe('validation.choiceRequired');
    expect(errors.passportNumber).toBeUndefined();
  });

  test('rejects whitespace-only text', () => {
    expect(validateGuest({ ...resident, name: '   ' }, privateLodging).name?.key).toBe('validation.required');
  });

  test('rejects an overlong name', () => {
    const errors = validateGuest({ ...resident, name: 'あ'.repeat(maxNameLength + 1) }, privateLodging);
    expect(errors.name).toEqual({ key: 'validation.tooLong', values: { max: maxNameLength } });
  });

  test('never asks a resident for a passport', () => {
    const errors = validateGuest({ ...resident, nationality: '', passportNumber: '', passportPhoto: undefined }, privateLodging);
    expect(errors).toEqual({});
  });

  test('requires passport fields without an address in Japan', () => {
    const errors = validateGuest(
      { ...visitor, nationality: '', passportNumber: '', passportPhoto: undefined, facePhoto: undefined },
      privateLodging,
    );
    expect(errors.nationality?.key).toBe('validation.nationalityRequired');
    expect(errors.passportNumber?.key).toBe('validation.required');
    expect(errors.passportPhoto?.key).toBe('validation.passportPhotoRequired');
    expect(errors.facePhoto?.key).toBe('validation.facePhotoRequired');
  });

  test('never asks a resident for a face photo', () => {
    expect(validateGuest({ ...resident, facePhoto: undefined }, ryokan)).toEqual({ contact: { key: 'validation.required' } });
  });

  test('旅館業 asks contact, not occupation', () => {
    const errors = validateGuest({ ...resident, occupation: '' }, ryokan);
    expect(errors).toEqual({ contact: { key: 'validation.required' } });
    expect(validateGuest({ ...resident, occupation: '', contact: '03-1234-5678' }, ryokan)).toEqual({});
  });

  test('住宅宿泊事業 asks occupation, not contact', () => {
    expect(validateGuest({ ...resident, contact: '' }, privateLodging)).toEqual({});
    expect(validateGuest({ ...resident, occupation: '' }, privateLodging).occupation?.key).toBe('validation.required');
  });

  test('rejects a malformed contact', () => {
    expect(validateGuest({ ...resident, contact: 'call me' }, ryokan).contact?.key).toBe('validation.contactFormat');
  });

  test('rejects an unknown country code', () => {
    expect(validateGuest({ ...visitor, nationality: 'XX' }, privateLodging).nationality?.key).toBe('validation.nationalityRequired');
  });

  test('rejects a malformed passport number', () => {
    expect(validateGuest({ ...visitor, passportNumber: 'AB12' }, privateLodging).passportNumber?.key).toBe(
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

describe('contact check', () => {
  test.each(['03-1234-5678', '+33 6 12 34 56 78', '０９０１２３４５６７８', '(030) 1234567', 'guest@example.invalid'])(
    'accepts %s',
    (value) => {
      expect(isValidContact(value)).toBe(true);
    },
  );

  test.each(['12345', '+1 234 567 890 123 456', 'phone 0312345678', 'guest@', '@example.invalid', 'a b@example.invalid'])(
    'rejects %s',
    (value) => {
      expect(isValidContact(value)).toBe(false);
    },
  );
});

describe('register fields by licence', () => {
  test.each([
    ['private-lodging', { occupation: true, contact: false }],
    ['simple-lodging', { occupation: false, contact: true }],
    ['ryokan-hotel', { occupation: false, contact: true }],
    ['unknown-licence', { occupation: true, contact: true }],
  ])('%s', (licenceType, fields) => {
    expect(registerFieldsFor(licenceType)).toEqual(fields);
  });
});

describe('country list', () => {
  test('contains the 249 ISO codes and Kosovo', () => {
    expect(new Set(isoCountryCodes).size).toBe(250);
    expect(isoCountryCodes).toContain('XK');
    expect(isoCountryCodes).toContain('JP');
  });

  test.each([
    ['ja', 'フランス'],
    ['zh-Hans', '法国'],
    ['zh-Hant', '法國'],
    ['ko', '프랑스'],
  ])('names France in %s', (language, name) => {
    expect(listCountries(language).find((country) => country.code === 'FR')?.name).toBe(name);
  });

  test('names countries in the guest language', () => {
    const japanese = listCountries('ja').find((country) => country.code === 'FR');
    const english = listCountries('en').find((country) => country.code === 'FR');
    expect(japanese?.name).toBe('フランス');
    expect(english?.name).toBe('France');
  });
});
