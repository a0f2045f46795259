import {
  countGraphemes,
  exceedsGraphemeLimit,
  hasForbiddenCharacters,
  maxCodeUnitsPerGrapheme,
  normalizeGuestText,
} from '../../kiosk/src/check-in/guest-text';
import { createGuestForm, type GuestForm } from '../../kiosk/src/check-in/check-in-form';
import { buildCheckInPayload } from '../../kiosk/src/check-in/check-in-payload';
import { registerFieldsFor } from '../../kiosk/src/check-in/register-fields';
import { maxAddressLength, maxNameLength, validateGuest } from '../../kiosk/src/check-in/validation';

const privateLodging = registerFieldsFor('private-lodging');
const ryokan = registerFieldsFor('ryokan-hotel');

const resident: GuestForm = {
  ...createGuestForm('guest-1'),
  name: '検証 花子',
  address: '東京都千代田区架空町1-2-3',
  occupation: '会社員',
  contact: '03-1234-5678',
  hasAddressInJapan: true,
};

const familyEmoji = '👨\u200D👩\u200D👧\u200D👦';
const womanTechnologist = '👩🏽\u200D💻';
const rainbowFlag = '🏳\uFE0F\u200D🌈';
const scotlandFlag = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';

describe('hasForbiddenCharacters', () => {
  test.each([
    ['NUL', 'Ex\u0000ample'],
    ['tab', 'Example\tStreet'],
    ['newline', '1 Example Street\nSampletown'],
    ['DEL', 'Example\u007F'],
    ['C1 control', 'Example\u0085'],
    ['line separator', 'Example\u2028Street'],
    ['left-to-right embedding', '\u202AExample'],
    ['right-to-left override', 'Example \u202Etxt.exe'],
    ['pop directional formatting', 'Example\u202C'],
    ['left-to-right isolate', '\u2066Example\u2069'],
    ['first strong isolate', '\u2068Example'],
  ])('finds %s', (_case, value) => {
    expect(hasForbiddenCharacters(value)).toBe(true);
  });

  test.each([
    ['Japanese', '東京都千代田区架空町1-2-3'],
    ['𠮷', '𠮷野 花子'],
    ['emoji ZWJ sequence', `Testa ${familyEmoji}`],
    ['flag tag sequence', scotlandFlag],
    ['Arabic', 'شارع المثال'],
    ['Korean', '서울특별시 가상구 예시로 1'],
  ])('accepts %s', (_case, value) => {
    expect(hasForbiddenCharacters(value)).toBe(false);
  });
});

describe('normalizeGuestText', () => {
  test('composes to NFC', () => {
    expect(normalizeGuestText('Jose\u0301')).toBe('José');
    expect(normalizeGuestText('か\u3099')).toBe('が');
  });

  test.each([
    ['zero-width space', 'Tes\u200Bta'],
    ['word joiner', 'Tes\u2060ta'],
    ['byte order mark', '\uFEFFTesta'],
    ['ZWJ between Latin letters', 'Tes\u200Dta'],
    ['ZWNJ between Latin letters', 'Tes\u200Cta'],
    ['leading ZWJ', '\u200DTesta'],
    ['trailing ZWNJ', 'Testa\u200C'],
  ])('strips %s', (_case, value) => {
    expect(normalizeGuestText(value)).toBe('Testa');
  });

  test('strips joiners between CJK characters', () => {
    expect(normalizeGuestText('検\u200D証\u200C花子')).toBe('検証花子');
  });

  test.each([
    ['family', familyEmoji],
    ['skin tone', womanTechnologist],
    ['rainbow flag', rainbowFlag],
    ['pirate flag', '🏴\u200D☠\uFE0F'],
    ['subdivision flag', scotlandFlag],
  ])('keeps the %s emoji sequence', (_case, emoji) => {
    expect(normalizeGuestText(`Testa ${emoji}`)).toBe(`Testa ${emoji}`);
  });

  test('keeps ZWNJ in Persian text', () => {
    expect(normalizeGuestText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
  });

  test('keeps ZWJ in Malayalam text', () => {
    expect(normalizeGuestText('ന\u0D4D\u200Dക')).toBe('ന\u0D4D\u200Dക');
  });

  test('keeps 𠮷 as one surrogate pair', () => {
    expect(normalizeGuestText(' 𠮷野 ')).toBe('𠮷野');
  });
});

describe('countGraphemes', () => {
  test.each([
    ['𠮷', 1],
    [familyEmoji, 1],
    [womanTechnologist, 1],
    [scotlandFlag, 1],
    ['🇯🇵', 1],
    ['Jose\u0301', 4],
    ['검증 花子', 5],
  ])('counts %s as %i', (value, count) => {
    expect(countGraphemes(value)).toBe(count);
  });
});

describe('exceedsGraphemeLimit', () => {
  const kissWithSkinTones = '👩🏻\u200D❤\uFE0F\u200D💋\u200D👨🏼';

  test('accepts the longest emoji sequences up to the limit', () => {
    expect(kissWithSkinTones.length).toBeLessThanOrEqual(maxCodeUnitsPerGrapheme);
    expect(countGraphemes(kissWithSkinTones)).toBe(1);
    expect(exceedsGraphemeLimit(kissWithSkinTones.repeat(maxNameLength), maxNameLength)).toBe(false);
  });

  test('rejects one more grapheme', () => {
    expect(exceedsGraphemeLimit('𠮷'.repeat(maxNameLength + 1), maxNameLength)).toBe(true);
  });

  test('rejects a grapheme stacked with combining marks', () => {
    const stacked = `a${'\u0301'.repeat(maxNameLength * maxCodeUnitsPerGrapheme)}`;
    expect(countGraphemes(stacked)).toBe(1);
    expect(exceedsGraphemeLimit(stacked, maxNameLength)).toBe(true);
  });
});

describe('validateGuest text rules', () => {
  test.each(['name', 'address', 'occupation', 'contact'] as const)('rejects a bidi override in %s', (field) => {
    const errors = validateGuest({ ...resident, [field]: `${resident[field]}\u202E` }, { occupation: true, contact: true });
    expect(errors[field]).toEqual({ key: 'validation.forbiddenCharacters' });
  });

  test('rejects NUL in an address', () => {
    const errors = validateGuest({ ...resident, address: '東京都\u0000千代田区' }, privateLodging);
    expect(errors.address).toEqual({ key: 'validation.forbiddenCharacters' });
  });

  test('accepts an 82-character name with 𠮷 and emoji', () => {
    const name = `𠮷${familyEmoji}${womanTechnologist}`.repeat(27) + '𠮷';
    expect(countGraphemes(name)).toBe(82);
    expect(name.length).toBeGreaterThan(maxNameLength);
    expect(validateGuest({ ...resident, name }, privateLodging)).toEqual({});
  });

  test('counts the name limit in graphemes', () => {
    expect(validateGuest({ ...resident, name: '𠮷'.repeat(maxNameLength) }, privateLodging)).toEqual({});
    const errors = validateGuest({ ...resident, name: '𠮷'.repeat(maxNameLength + 1) }, privateLodging);
    expect(errors.name).toEqual({ key: 'validation.tooLong', values: { max: maxNameLength } });
  });

  test('counts the address after stripping zero-width spaces', () => {
    const address = 'あ\u200B'.repeat(maxAddressLength);
    expect(validateGuest({ ...resident, address }, privateLodging)).toEqual({});
  });

  test('rejects a name of zero-width spaces only', () => {
    expect(validateGuest({ ...resident, name: '\u200B\u200B' }, privateLodging).name).toEqual({ key: 'validation.required' });
  });

  test('accepts a contact with a zero-width space', () => {
    expect(validateGuest({ ...resident, contact: '03-1234\u200B-5678' }, ryokan)).toEqual({});
  });
});

describe('buildCheckInPayload text', () => {
  test('sends normalized text', () => {
    const guest = {
      ...resident,
      name: ` Jose\u0301 ${familyEmoji}\u200B`,
      address: '1 Example\u200B Street',
      occupation: 'Engi\u2060neer',
    };
    const { payload } = buildCheckInPayload({
      checkInId: 'check-in-1',
      facilityId: 'facility-1',
      stay: { arrivalDate: '2026-07-10', departureDate: '2026-07-12', guestCount: '1' },
      guests: [guest],
      language: 'en',
      fields: privateLodging,
      acceptedAt: new Date('2026-07-10T15:00:00Z'),
    });
    expect(payload.guests[0].name).toBe(`José ${familyEmoji}`);
    expect(payload.guests[0].address).toBe('1 Example Street');
    expect(payload.guests[0].occupation).toBe('Engineer');
  });
});
