import en from '../../admin-web/src/i18n/locales/en.json';
import ja from '../../admin-web/src/i18n/locales/ja.json';
import { auditRecordSchema } from '../../admin-web/src/features/audit-log/api';
import { auditActions, auditResources, piiDisclosures } from '../../lambdas/guest-register/audit-log';

/**
 * Every kind an audit record can carry has a label on the audit log screen in both languages.
 * The lists come from the code that writes the records, so a new kind without a label fails here.
 */

const tables = {
  actions: auditActions,
  resources: auditResources,
  disclosures: piiDisclosures,
} as const;

const locales = { ja: ja.audit, en: en.audit } as const;

describe('audit log labels', () => {
  for (const [language, audit] of Object.entries(locales)) {
    for (const [table, kinds] of Object.entries(tables)) {
      test.each(kinds.map((kind) => [kind]))(`${language} ${table} label for %s`, (kind) => {
        const labels = (audit as unknown as Record<string, Record<string, string> | undefined>)[table] ?? {};

        expect(labels[kind]).toEqual(expect.any(String));
        expect(labels[kind]?.trim()).not.toBe('');
        expect(labels[kind]).not.toBe(kind);
      });
    }
  }

  test('screen accepts every action', () => {
    expect(auditRecordSchema.shape.action.options).toEqual([...auditActions]);
  });

  test('no label for an unwritten kind', () => {
    for (const table of Object.keys(tables) as (keyof typeof tables)[]) {
      const written: readonly string[] = tables[table];

      expect(Object.keys(ja.audit[table]).filter((kind) => !written.includes(kind))).toEqual([]);
      expect(Object.keys(en.audit[table]).filter((kind) => !written.includes(kind))).toEqual([]);
    }
  });
});
