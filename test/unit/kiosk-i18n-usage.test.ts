import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { locales } from '../../kiosk/src/i18n/locales';

const sourceRoot = path.join(__dirname, '..', '..', 'kiosk', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'locales' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** True when ja has the key, or its `_other` form for a key that i18next resolves with a count. */
function hasMessage(key: string): boolean {
  const valueOf = (path: string) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locales.ja);
  return typeof valueOf(key) === 'string' || typeof valueOf(`${key}_other`) === 'string';
}

const sections = Object.keys(locales.ja);
// A quoted dotted key that starts with a message section, e.g. 'validation.required'.
const keyPattern = new RegExp(`['"\`]((?:${sections.join('|')})\\.[A-Za-z.]*[A-Za-z])['"\`]`, 'g');

/** Keys built at run time from a photo kind, a photo problem, a house rule or an arrival date problem. */
const dynamicKeys = [
  ...['passport', 'face'].flatMap((kind) => [`guest.${kind}Photo`, `capture.${kind}Hint`, `capture.${kind}PreviewAlt`]),
  ...['tooDark', 'glare', 'blurred'].map((problem) => `capture.advice.${problem}`),
  ...['smoking', 'quietHours', 'garbage', 'occupancy'].map((rule) => `rules.items.${rule}`),
  ...['arrivalTooEarly', 'arrivalInFuture'].map((problem) => `validation.${problem}`),
];

describe('kiosk message keys', () => {
  test('every key in the source exists in ja', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(sourceRoot)) {
      for (const match of readFileSync(file, 'utf8').matchAll(keyPattern)) {
        if (!hasMessage(match[1])) missing.push(`${path.relative(sourceRoot, file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test.each(dynamicKeys)('dynamic key %s exists', (key) => {
    expect(hasMessage(key)).toBe(true);
  });
});
