import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../admin-web/src/i18n/locales/en.json';
import ja from '../../admin-web/src/i18n/locales/ja.json';
import { licenceTypeSchema } from '../../admin-web/src/features/facilities/api';
import { operatorSchema } from '../../admin-web/src/features/me/api';

type Messages = { [key: string]: string | Messages };

/** Flattens nested resources to `a.b.c` keys. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [nested, text] of flatten(value, path)) flat.set(nested, text);
  }
  return flat;
}

/** i18next plural suffixes. Japanese has only `_other`, English has `_one` and `_other`. */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Lists each placeholder once, because a bilingual Japanese message may repeat one in its English half. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]))].sort();
}

const jaMessages = flatten(ja);
const enMessages = flatten(en);

describe('admin i18n resources', () => {
  test('en has every key of ja', () => {
    const missing = [...jaMessages.keys()].filter((key) => !enMessages.has(key));
    expect(missing).toEqual([]);
  });

  test('ja has every non-plural key of en', () => {
    const missing = [...enMessages.keys()].filter((key) => {
      if (jaMessages.has(key)) return false;
      // English `_one` forms have no Japanese counterpart; the `_other` form must exist.
      return !(pluralSuffix.test(key) && jaMessages.has(key.replace(pluralSuffix, '_other')));
    });
    expect(missing).toEqual([]);
  });

  test.each([
    ['ja', jaMessages],
    ['en', enMessages],
  ])('%s has no empty message', (_language, messages) => {
    const empty = [...messages].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  test('placeholders match between ja and en', () => {
    const mismatched = [...jaMessages].filter(([key, text]) => {
      const english = enMessages.get(key);
      return english !== undefined && placeholders(english).join() !== placeholders(text).join();
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });
});

describe('admin i18n keys in source', () => {
  const sourceRoot = join(__dirname, '../../admin-web/src');

  function sourceFiles(directory: string): string[] {
    return readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(name) ? [path] : [];
    });
  }

  /** Literal keys passed to t(), plus keys returned as values (`key: '…'`, `'auth.errors.…'`). */
  function usedKeys(): Set<string> {
    const keys = new Set<string>();
    for (const file of sourceFiles(sourceRoot)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) keys.add(match[1]);
      for (const match of text.matchAll(/\bkey: '([\w.]+)'/g)) keys.add(match[1]);
      for (const match of text.matchAll(/'(auth\.(?:errors\.)?\w+)'/g)) keys.add(match[1]);
    }
    return keys;
  }

  test('finds the keys it checks', () => {
    expect(usedKeys().size).toBeGreaterThan(50);
  });

  test('every key used in source exists in ja', () => {
    const missing = [...usedKeys()].filter((key) => !jaMessages.has(key) && !jaMessages.has(`${key}_other`));
    expect(missing).toEqual([]);
  });

  test.each(operatorSchema.shape.role.options)('operator role %s has a label', (role) => {
    expect(jaMessages.has(`header.role.${role}`)).toBe(true);
  });

  test.each(licenceTypeSchema.options)('licence type %s has a label', (licenceType) => {
    expect(jaMessages.has(`facilities.licenceTypes.${licenceType}`)).toBe(true);
  });

  test('the guest-image audit label covers both image kinds, since the record does not store which', () => {
    expect(ja.audit.resources['guest-image']).toBe('旅券の写しまたは顔写真');
    expect(en.audit.resources['guest-image']).toBe('Passport copy or face photo');
  });
});
