import { z } from 'zod';

/** A validation reason in both languages, without the field name. */
export interface Reason {
  readonly ja: string;
  readonly en: string;
}

const bilingualSeparator = ' / ';

/**
 * Returns the reason for a zod issue, in Japanese and English. A schema's own message counts when it is
 * bilingual (`日本語 / English`); zod's English defaults never reach a caller. The received value
 * is never echoed, because it may be guest data.
 */
export function issueReason(issue: z.ZodIssue): Reason {
  const custom = splitBilingual(issue.message);
  if (custom) return custom;
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === 'undefined'
        ? { ja: '必須です', en: 'required' }
        : { ja: `${typeName(issue.expected).ja}で指定してください`, en: `expected ${typeName(issue.expected).en}` };
    case z.ZodIssueCode.invalid_literal:
      return { ja: `${JSON.stringify(issue.expected)} を指定してください`, en: `must be ${JSON.stringify(issue.expected)}` };
    case z.ZodIssueCode.invalid_enum_value:
      return { ja: `${issue.options.join('・')} のいずれかです`, en: `must be one of ${issue.options.join(', ')}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { ja: `不明な項目があります (${issue.keys.join(', ')})`, en: `unknown fields ${issue.keys.join(', ')}` };
    case z.ZodIssueCode.invalid_union:
    case z.ZodIssueCode.invalid_union_discriminator:
      return { ja: 'どの形式にも合いません', en: 'matches none of the accepted forms' };
    case z.ZodIssueCode.invalid_string:
      return stringReason(issue.validation);
    case z.ZodIssueCode.invalid_date:
      return { ja: '日付が正しくありません', en: 'not a valid date' };
    case z.ZodIssueCode.too_small:
      return sizeReason(issue.type, Number(issue.minimum), issue.inclusive, 'min');
    case z.ZodIssueCode.too_big:
      return sizeReason(issue.type, Number(issue.maximum), issue.inclusive, 'max');
    case z.ZodIssueCode.not_multiple_of:
      return { ja: `${String(issue.multipleOf)} の倍数で指定してください`, en: `must be a multiple of ${String(issue.multipleOf)}` };
    case z.ZodIssueCode.not_finite:
      return { ja: '有限の数で指定してください', en: 'must be a finite number' };
    default:
      return { ja: '値が正しくありません', en: 'not a valid value' };
  }
}

/** The name of an input field as operators know it from the screens, in Japanese and English. */
export interface FieldLabel {
  readonly ja: string;
  readonly en: string;
}

/**
 * Labels by field path, such as `name` or `houseRules.ja`. In a path, `*` matches any list index
 * (`guests.*.name`), and `{n}` in that label's text becomes the item number, 1 for the first.
 */
export type FieldLabels = Readonly<Record<string, FieldLabel>>;

/** Label of the whole request body, for issues such as an unknown field. */
export const requestBodyLabel: FieldLabel = { ja: 'リクエスト本文', en: 'request body' };

/** Labels of the paging query fields (`limit`, `cursor`) of the list routes. */
export const pageSizeLabel: FieldLabel = { ja: '表示件数', en: 'page size' };
export const pageCursorLabel: FieldLabel = { ja: '続きの位置 (cursor)', en: 'page cursor' };

/** Reason of a period whose start is after its end, for the start field. */
export function notAfterReason(end: FieldLabel): Reason {
  return { ja: `${end.ja}以前にしてください`, en: `must not be after the ${end.en}` };
}

/** `項目名: 理由 / field name: reason`, the form every validation message takes. */
export function fieldMessage(field: FieldLabel | string, reason: Reason): string {
  const label = typeof field === 'string' ? { ja: field, en: field } : field;
  return `${label.ja}: ${reason.ja}${bilingualSeparator}${label.en}: ${reason.en}`;
}

/**
 * Names a field path in words: its own label, else the label of its `*` pattern, else
 * `<list label> (3 件目) / <list label> (item 3)` for the third item of a labelled list, else the
 * path itself in both languages.
 */
export function fieldLabel(path: string, labels: FieldLabels = {}): FieldLabel {
  const own = labels[path];
  if (own) return own;

  const segments = path.split('.');
  const firstIndex = segments.find(isListIndex);
  if (firstIndex === undefined) return { ja: path, en: path };

  const pattern = labels[segments.map((segment) => (isListIndex(segment) ? '*' : segment)).join('.')];
  if (pattern) {
    const itemNumber = String(Number(firstIndex) + 1);
    return { ja: pattern.ja.replaceAll('{n}', itemNumber), en: pattern.en.replaceAll('{n}', itemNumber) };
  }

  const lastSegment = segments[segments.length - 1];
  const list = isListIndex(lastSegment) ? labels[segments.slice(0, -1).join('.')] : undefined;
  if (list) {
    const itemNumber = Number(lastSegment) + 1;
    return { ja: `${list.ja} (${itemNumber} 件目)`, en: `${list.en} (item ${itemNumber})` };
  }
  return { ja: path, en: path };
}

function isListIndex(segment: string): boolean {
  return /^\d+$/.test(segment);
}

/** Names the field of an issue as the API does: its path, or `body` for the whole body. */
export function issueField(issue: z.ZodIssue): string {
  return issue.path.length > 0 ? issue.path.join('.') : 'body';
}

/** Words a zod issue as one message that names its field in both languages, by its label when `labels` has one. */
export function issueMessage(issue: z.ZodIssue, labels?: FieldLabels): string {
  return fieldMessage(fieldLabel(issueField(issue), labels), issueReason(issue));
}

/** One problem with one field: its path, and a message naming it in Japanese and English. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Words the issues of a form as field errors, one per field. A field keeps its first issue, so
 * a summary that shows the first error and the hint beside the field show the same text.
 */
export function fieldErrors(issues: readonly z.ZodIssue[], labels?: FieldLabels): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const issue of issues) {
    const field = issueField(issue);
    if (!byField.has(field)) byField.set(field, { field, message: issueMessage(issue, labels) });
  }
  return [...byField.values()];
}

function splitBilingual(message: string): Reason | undefined {
  const at = message.indexOf(bilingualSeparator);
  if (at <= 0) return undefined;
  const ja = message.slice(0, at).trim();
  const en = message.slice(at + bilingualSeparator.length).trim();
  return ja && en && !en.includes(bilingualSeparator) ? { ja, en } : undefined;
}

const typeNames: Record<string, Reason> = {
  string: { ja: '文字列', en: 'a string' },
  number: { ja: '数値', en: 'a number' },
  integer: { ja: '整数', en: 'an integer' },
  boolean: { ja: 'true か false', en: 'true or false' },
  object: { ja: 'オブジェクト', en: 'an object' },
  array: { ja: '一覧 (配列)', en: 'a list' },
  date: { ja: '日付', en: 'a date' },
  null: { ja: 'null', en: 'null' },
};

function typeName(type: string): Reason {
  return typeNames[type] ?? { ja: type, en: type };
}

function stringReason(validation: z.StringValidation): Reason {
  const kind = typeof validation === 'string' ? validation : 'format';
  switch (kind) {
    case 'email':
      return { ja: 'メールアドレスの形式が正しくありません', en: 'not a valid email address' };
    case 'uuid':
      return { ja: 'UUID の形式が正しくありません', en: 'not a valid UUID' };
    case 'url':
      return { ja: 'URL の形式が正しくありません', en: 'not a valid URL' };
    case 'datetime':
      return { ja: 'ISO 8601 の日時 (時差つき) で指定してください', en: 'not an ISO 8601 date and time with offset' };
    case 'date':
      return { ja: 'YYYY-MM-DD の日付で指定してください', en: 'not a YYYY-MM-DD date' };
    default:
      return { ja: '形式が正しくありません', en: 'has the wrong format' };
  }
}

function sizeReason(type: string, limit: number, inclusive: boolean, side: 'min' | 'max'): Reason {
  let bound = limit;
  if (!inclusive) bound = side === 'min' ? limit + 1 : limit - 1;
  switch (type) {
    case 'string':
      if (side === 'min' && bound === 1) return { ja: '空にはできません', en: 'must not be empty' };
      return side === 'min'
        ? { ja: `${bound} 文字以上で指定してください`, en: `must be at least ${bound} characters` }
        : { ja: `${bound} 文字以内で指定してください`, en: `must be at most ${bound} characters` };
    case 'array':
    case 'set':
      return side === 'min'
        ? { ja: `${bound} 件以上指定してください`, en: `must hold at least ${bound} items` }
        : { ja: `${bound} 件以内で指定してください`, en: `must hold at most ${bound} items` };
    default:
      return side === 'min'
        ? { ja: `${inclusive ? `${limit} 以上` : `${limit} より大きい値`}で指定してください`, en: `must be ${inclusive ? 'at least' : 'greater than'} ${limit}` }
        : { ja: `${inclusive ? `${limit} 以下` : `${limit} 未満`}で指定してください`, en: `must be ${inclusive ? 'at most' : 'less than'} ${limit}` };
  }
}
