import i18next from 'i18next';
import { guestLanguages, locales } from '../../kiosk/src/i18n/locales';

/** Lists every leaf key of a nested message object as a dotted path. */
function leafKeys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? leafKeys(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function leafValues(messages: object): unknown[] {
  return Object.values(messages).flatMap((value) =>
    typeof value === 'object' && value !== null ? leafValues(value as object) : [value],
  );
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort();
}

function messageAt(messages: object, path: string): string {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string;
}

const referenceKeys = leafKeys(locales.ja).sort();

const pluralSuffixPattern = /_(zero|one|two|few|many)$/;
/** Maps a plural form key such as `x_one` to its `x_other` key. Other keys stay as they are. */
const otherFormOf = (key: string) => key.replace(pluralSuffixPattern, '_other');

describe.each(guestLanguages.filter((language) => language !== 'ja'))('kiosk locale %s', (language) => {
  const messages = locales[language];

  test('has every key of ja', () => {
    const keys = leafKeys(messages);
    const missing = referenceKeys.filter((key) => !keys.includes(key));
    expect(missing).toEqual([]);
  });

  test('has no key that ja lacks', () => {
    const extra = leafKeys(messages).filter((key) => !referenceKeys.includes(otherFormOf(key)));
    expect(extra).toEqual([]);
  });

  test('has the plural forms of its language', () => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const keys = leafKeys(messages);
    for (const otherKey of referenceKeys.filter((key) => key.endsWith('_other'))) {
      const expected = categories.map((category) => otherKey.replace(/_other$/, `_${category}`)).sort();
      const found = keys.filter((key) => otherFormOf(key) === otherKey).sort();
      expect({ key: otherKey, forms: found }).toEqual({ key: otherKey, forms: expected });
    }
  });

  test('has no empty message', () => {
    for (const value of leafValues(messages)) {
      expect(typeof value).toBe('string');
      expect((value as string).trim()).not.toBe('');
    }
  });

  test('keeps the placeholders of ja', () => {
    for (const key of referenceKeys) {
      expect({ key, placeholders: placeholders(messageAt(messages, key)) }).toEqual({
        key,
        placeholders: placeholders(messageAt(locales.ja, key)),
      });
    }
  });
});

test('kiosk locales cover every guest language', () => {
  expect(Object.keys(locales).sort()).toEqual([...guestLanguages].sort());
});

describe('kiosk plural messages', () => {
  const i18n = i18next.createInstance();

  beforeAll(async () => {
    const resources = Object.fromEntries(guestLanguages.map((language) => [language, { translation: locales[language] }]));
    await i18n.init({ resources, lng: 'ja', fallbackLng: false, interpolation: { escapeValue: false } });
  });

  test.each([
    ['ja', 1, '未送信のチェックイン 1件はこの端末に保存されたままです。'],
    ['en', 1, '1 unsent check-in remains stored on this device.'],
    ['en', 2, '2 unsent check-ins remain stored on this device.'],
    ['zh-Hans', 1, '1 条未发送的入住记录仍保存在此设备上。'],
    ['zh-Hant', 1, '1 筆未傳送的入住資料仍保存在此裝置上。'],
    ['ko', 1, '전송되지 않은 체크인 1건이 이 기기에 저장되어 있습니다.'],
  ])('revoked count in %s for %d', (language, count, expected) => {
    expect(i18n.t('revoked.pending', { lng: language, count })).toBe(expected);
  });

  test.each([
    [1, '1 of them belongs to the previous facility and is not sent here'],
    [3, '3 of them belong to the previous facility and are not sent here'],
  ])('previous facility count %d in en', (count, expected) => {
    expect(i18n.t('status.previousFacility', { lng: 'en', count })).toBe(expected);
  });
});
