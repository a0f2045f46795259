import { z } from 'zod';

/** A validation reason in both languages, without the field name. */
export interface Reason {
  readonly ja: string;
  readonly en: string;
}

const bilingualSeparator = ' / ';

/**
 * The reason for a zod issue, in Japanese and English. A schema's own message counts when it is
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

/** `field: 理由 / field: reason`, the form every validation message takes. */
export function fieldMessage(field: string, reason: Reason): string {
  return `${field}: ${reason.ja}${bilingualSeparator}${field}: ${reason.en}`;
}

/** Names the field of an issue as the API does: its path, or `body` for the whole body. */
export function issueField(issue: z.ZodIssue): string {
  return issue.path.length > 0 ? issue.path.join('.') : 'body';
}

/** Words a zod issue as one message that names its field in both languages. */
export function issueMessage(issue: z.ZodIssue): string {
  return fieldMessage(issueField(issue), issueReason(issue));
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
