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

describe.each(guestLanguages.filter((language) => language !== 'ja'))('kiosk locale %s', (language) => {
  const messages = locales[language];

  test('has every key of ja', () => {
    const keys = leafKeys(messages);
    const missing = referenceKeys.filter((key) => !keys.includes(key));
    expect(missing).toEqual([]);
  });

  test('has no key that ja lacks', () => {
    const extra = leafKeys(messages).filter((key) => !referenceKeys.includes(key));
    expect(extra).toEqual([]);
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
