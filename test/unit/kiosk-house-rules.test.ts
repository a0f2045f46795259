import { createGuestForm, type GuestForm } from '../../kiosk/src/check-in/check-in-form';
import { registerFieldsFor } from '../../kiosk/src/check-in/register-fields';
import { isStayComplete } from '../../kiosk/src/check-in/stay-completion';
import { facilitySettingsSchema, houseRulesFor } from '../../kiosk/src/device/facility-settings';

const settings = facilitySettingsSchema.parse({
  houseRules: { ja: '室内禁煙です。', en: 'No smoking inside.', ko: '  ' },
  doorCode: '4721',
});

describe('houseRulesFor', () => {
  test('uses the guest language', () => {
    expect(houseRulesFor(settings, 'ja')).toEqual({ text: '室内禁煙です。', language: 'ja' });
  });

  test('falls back to English', () => {
    expect(houseRulesFor(settings, 'zh-Hant')).toEqual({ text: 'No smoking inside.', language: 'en' });
  });

  test('treats blank rules as missing', () => {
    expect(houseRulesFor(settings, 'ko')).toEqual({ text: 'No smoking inside.', language: 'en' });
  });

  test('undefined without own or English rules', () => {
    expect(houseRulesFor({ houseRules: { ja: '室内禁煙です。' } }, 'en')).toBeUndefined();
    expect(houseRulesFor({ houseRules: {} }, 'ja')).toBeUndefined();
  });
});

describe('isStayComplete', () => {
  const fields = registerFieldsFor('private-lodging');
  const stay = { arrivalDate: '2026-07-10', departureDate: '2026-07-11', guestCount: '2' };
  const guest = (id: string): GuestForm => ({
    ...createGuestForm(id),
    name: '検証 一郎',
    address: '東京都架空区1-2-3',
    occupation: '会社員',
    hasAddressInJapan: true,
  });

  test('true when every declared guest is valid', () => {
    expect(isStayComplete(stay, [guest('a'), guest('b')], fields)).toBe(true);
  });

  test('false when a guest is missing', () => {
    expect(isStayComplete(stay, [guest('a')], fields)).toBe(false);
  });

  test('false when a guest is incomplete', () => {
    expect(isStayComplete(stay, [guest('a'), { ...guest('b'), occupation: '' }], fields)).toBe(false);
  });

  test('false for a foreign guest without photos', () => {
    const visitor = { ...guest('b'), hasAddressInJapan: false, nationality: 'FR', passportNumber: 'XK1234567' };
    expect(isStayComplete(stay, [guest('a'), visitor], fields)).toBe(false);
  });
});
