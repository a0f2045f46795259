import en from '../../admin-web/src/i18n/locales/en.json';
import ja from '../../admin-web/src/i18n/locales/ja.json';
import { piiAccessRecordSchema } from '../../admin-web/src/features/audit-log/api';
import { auditActions, auditResources, piiDisclosures } from '../../lambdas/guest-register/audit-log';
import { deletionActions, offboardingPhases } from '../../lambdas/guest-register/deletion-audit';
import { adminChangeActions, adminChangeTargetTypes } from '../../lambdas/organisation/admin-audit';

/**
 * Every kind an audit record can carry has a label on the audit log screen in both languages.
 * The lists come from the code that writes the records, so a new kind without a label fails here.
 */

const tables = {
  actions: auditActions,
  resources: auditResources,
  disclosures: piiDisclosures,
  adminActions: adminChangeActions,
  targetTypes: adminChangeTargetTypes,
  deletionActions,
  deletionTargets: deletionActions,
  offboardingPhases,
} as const;

type Messages = { readonly [key: string]: string | Messages };

const locales: Record<string, Messages> = { ja: ja.audit, en: en.audit };

/** Looks a kind up as i18next does: each `.` of `facility.create` goes one level down. */
function labelOf(messages: Messages, table: string, kind: string): string | undefined {
  let node: string | Messages | undefined = messages[table];
  for (const segment of kind.split('.')) {
    node = typeof node === 'object' ? node[segment] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/** Lists a table's labelled kinds as `a.b` paths. */
function labelledKinds(messages: Messages | string | undefined, prefix = ''): string[] {
  if (typeof messages !== 'object') return [prefix];
  return Object.entries(messages).flatMap(([key, value]) => labelledKinds(value, prefix ? `${prefix}.${key}` : key));
}

describe('audit log labels', () => {
  for (const [language, messages] of Object.entries(locales)) {
    for (const [table, kinds] of Object.entries(tables)) {
      test.each(kinds.map((kind) => [kind]))(`${language} ${table} label for %s`, (kind) => {
        const label = labelOf(messages, table, kind);

        expect(label).toEqual(expect.any(String));
        expect(label?.trim()).not.toBe('');
        expect(label).not.toBe(kind);
      });
    }
  }

  test('screen accepts every PII action', () => {
    expect(piiAccessRecordSchema.shape.action.options).toEqual([...auditActions]);
  });

  test('no label for an unwritten kind', () => {
    for (const [language, messages] of Object.entries(locales)) {
      for (const [table, kinds] of Object.entries(tables)) {
        const written: readonly string[] = kinds;
        const unwritten = labelledKinds(messages[table]).filter((kind) => !written.includes(kind));

        expect({ language, table, unwritten }).toEqual({ language, table, unwritten: [] });
      }
    }
  });
});
