import { randomBytes } from 'node:crypto';
import {
  normalisePassportNumber,
  normaliseText,
  PersonMatcher,
  personIdentityText,
  type PersonIdentityFields,
} from '../../lambdas/guest-pii/person-identity';

/** Invented guests: no real person has these names, addresses or passport numbers. */
const resident: PersonIdentityFields = { name: '架空 太郎', address: '架空県架空市1-2-3', hasAddressInJapan: true };
const visitor: PersonIdentityFields = {
  name: 'Fictus Example',
  address: '1 Imaginary Lane',
  hasAddressInJapan: false,
  nationality: 'GB',
  passportNumber: 'ZX1234567',
};

describe('normalised text', () => {
  test.each([
    ['full-width space between family and given name', '架空　太郎', '架空太郎'],
    ['no space', '架空太郎', '架空太郎'],
    ['Latin letters in any case', 'FICTUS  Example', 'fictusexample'],
    ['full-width Latin letters', 'Ｆｉｃｔｕｓ', 'fictus'],
    ['half-width katakana', 'ｶｸｳ ﾀﾛｳ', 'カクウタロウ'],
    ['middle dot between names', 'フィクタス・エグザンプル', 'フィクタスエグザンプル'],
    ['address with full-width digits and hyphens', '架空市１－２－３', '架空市123'],
    ['address with the long vowel mark as hyphen', '架空市1ー2ー3', '架空市123'],
    ['address with commas and dots', '1, Imaginary Ln.', '1imaginaryln'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  test.each([
    ['lower case', 'zx1234567', 'ZX1234567'],
    ['spaces inside', 'ZX 123 4567', 'ZX1234567'],
    ['full-width', 'ＺＸ１２３４５６７', 'ZX1234567'],
  ])('passport number in %s', (_name, input, expected) => {
    expect(normalisePassportNumber(input)).toBe(expected);
  });
});

describe('person identity', () => {
  const matcher = new PersonMatcher(randomBytes(32));
  const keyOf = (guest: PersonIdentityFields) => matcher.personKeyOf(guest);

  test.each<[string, PersonIdentityFields, PersonIdentityFields, boolean]>([
    ['same visitor typed again', visitor, { ...visitor }, true],
    ['visitor with another spelling of the name', visitor, { ...visitor, name: 'FICTUS  EXAMPLE' }, true],
    ['visitor with another address abroad', visitor, { ...visitor, address: '2 Other Street' }, true],
    ['visitor with lower-case passport number', visitor, { ...visitor, passportNumber: 'zx1234567' }, true],
    ['visitor with another passport number', visitor, { ...visitor, passportNumber: 'ZX1234568' }, false],
    ['same passport number of another country', visitor, { ...visitor, nationality: 'IE' }, false],
    ['resident with full-width space', resident, { ...resident, name: '架空　太郎' }, true],
    ['resident with full-width address digits', resident, { ...resident, address: '架空県架空市１－２－３' }, true],
    ['resident of the same family', resident, { ...resident, name: '架空 花子' }, false],
    ['resident who moved', resident, { ...resident, address: '架空県架空市9-9-9' }, false],
  ])('%s: same person is %s', (_name, first, second, same) => {
    expect(keyOf(first) === keyOf(second)).toBe(same);
  });

  test('fields cannot shift into each other', () => {
    const shifted = { ...resident, name: `${resident.name}架空県`, address: '架空市1-2-3' };

    expect(personIdentityText(shifted)).not.toBe(personIdentityText(resident));
    expect(keyOf(shifted)).not.toBe(keyOf(resident));
  });

  test('another tenant key gives an unrelated value', () => {
    const otherTenant = new PersonMatcher(randomBytes(32));

    expect(otherTenant.personKeyOf(visitor)).not.toBe(keyOf(visitor));
  });

  test('key holds no guest data', () => {
    const key = keyOf(visitor);

    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const secret of [visitor.name, visitor.passportNumber!, 'ZX1234567', 'fictus']) expect(key).not.toContain(secret);
  });
});
