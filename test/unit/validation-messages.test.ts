import { z } from 'zod';
import { fieldErrors, fieldLabel, issueMessage } from '../../lambdas/http/validation-messages';

/** The message parseInput would give for the first issue of parsing `input` with `schema`. */
function messageFor(schema: z.ZodTypeAny, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a validation issue');
  return issueMessage(result.error.issues[0]);
}

const zodDefaults = /Expected|Invalid|String must|Required|received/;

describe('issueMessage', () => {
  test.each([
    [z.object({ a: z.string() }), [], 'body: オブジェクトで指定してください / body: expected an object'],
    [z.object({ format: z.literal('csv') }), { format: 'pdf' }, 'format: "csv" を指定してください / format: must be "csv"'],
    [z.object({ name: z.string().min(1) }), { name: '' }, 'name: 空にはできません / name: must not be empty'],
    [z.object({ name: z.string().max(3) }), { name: 'abcd' }, 'name: 3 文字以内で指定してください / name: must be at most 3 characters'],
    [z.object({ id: z.string().uuid() }), { id: 'x' }, 'id: UUID の形式が正しくありません / id: not a valid UUID'],
    [z.object({ email: z.string().email() }), { email: 'x' }, 'email: メールアドレスの形式が正しくありません / email: not a valid email address'],
    [z.object({ at: z.string().datetime({ offset: true }) }), { at: 'x' }, 'at: ISO 8601 の日時 (時差つき) で指定してください / at: not an ISO 8601 date and time with offset'],
    [z.object({ kind: z.enum(['a', 'b']) }), { kind: 'c' }, 'kind: a・b のいずれかです / kind: must be one of a, b'],
    [z.object({ n: z.number().int().min(0) }), { n: -1 }, 'n: 0 以上で指定してください / n: must be at least 0'],
    [z.object({ list: z.array(z.string()).max(1) }), { list: ['a', 'b'] }, 'list: 1 件以内で指定してください / list: must hold at most 1 items'],
    [z.object({ a: z.string() }).strict(), { a: 'x', b: 1 }, 'body: 不明な項目があります (b) / body: unknown fields b'],
    [z.object({ a: z.string() }), {}, 'a: 必須です / a: required'],
    [z.object({ a: z.string().regex(/^x$/, 'English only') }), { a: 'y' }, 'a: 形式が正しくありません / a: has the wrong format'],
  ])('case %# gives one Japanese and one English part', (schema, input, expected) => {
    const message = messageFor(schema, input);

    expect(message).toBe(expected);
    expect(message.split(' / ')).toHaveLength(2);
    expect(message).not.toMatch(zodDefaults);
  });

  test('a bilingual schema message is kept, with the field named in both parts', () => {
    const schema = z.object({ role: z.enum(['owner', 'staff'], { errorMap: () => ({ message: 'owner か staff です / must be owner or staff' }) }) });

    expect(messageFor(schema, { role: 'admin' })).toBe('role: owner か staff です / role: must be owner or staff');
  });

  test('the received value is never echoed', () => {
    expect(messageFor(z.object({ email: z.string().email() }), { email: 'secret-guest-value' })).not.toContain('secret-guest-value');
  });
});

describe('field labels', () => {
  const labels = {
    licenceNumber: { ja: '届出番号・許可番号', en: 'notification or licence number' },
    ipAllowlist: { ja: 'IP 許可リスト', en: 'IP allowlist' },
  };

  test('a labelled field is named by its label in each language', () => {
    const result = z.object({ licenceNumber: z.string().max(3) }).safeParse({ licenceNumber: 'M1234' });
    if (result.success) throw new Error('expected a validation issue');

    expect(issueMessage(result.error.issues[0], labels)).toBe(
      '届出番号・許可番号: 3 文字以内で指定してください / notification or licence number: must be at most 3 characters',
    );
  });

  test('a list item is named after its list', () => {
    expect(fieldLabel('ipAllowlist.2', labels)).toEqual({ ja: 'IP 許可リスト (3 件目)', en: 'IP allowlist (item 3)' });
  });

  test('a pattern label numbers the item', () => {
    const guestLabels = { 'guests.*.name': { ja: '宿泊者 {n} の氏名', en: 'guest {n} name' } };

    expect(fieldLabel('guests.1.name', guestLabels)).toEqual({ ja: '宿泊者 2 の氏名', en: 'guest 2 name' });
  });

  test('an unlabelled field keeps its path', () => {
    expect(fieldLabel('guests.0.name', labels)).toEqual({ ja: 'guests.0.name', en: 'guests.0.name' });
  });

  test('fieldErrors keeps the first issue of each field', () => {
    const schema = z
      .object({ licenceNumber: z.string().max(3), name: z.string().min(1) })
      .superRefine((_input, context) => context.addIssue({ code: z.ZodIssueCode.custom, path: ['licenceNumber'], message: '形式が違います / wrong form' }));
    const result = schema.safeParse({ licenceNumber: 'M1234', name: '' });
    if (result.success) throw new Error('expected a validation issue');

    const errors = fieldErrors(result.error.issues, labels);

    expect(result.error.issues.filter((issue) => issue.path[0] === 'licenceNumber')).toHaveLength(2);
    expect(errors.map((error) => error.field)).toEqual(['licenceNumber', 'name']);
    expect(errors[0].message).toBe(
      '届出番号・許可番号: 3 文字以内で指定してください / notification or licence number: must be at most 3 characters',
    );
  });
});
