import { z } from 'zod';
import { rejectForbiddenCharacters } from '../http/forbidden-characters';
import { fieldErrors, fieldMessage, requestBodyLabel, type FieldError, type FieldLabel, type FieldLabels, type Reason } from '../http/validation-messages';
import { isJapanDate, japanDateOf } from '../reports/japan-time';
import { houseRuleLanguages, licenceTypes, type HouseRuleLanguage } from './facility-repository';

/** The 47 prefectures (都道府県) in JIS X 0401 order. */
export const prefectures = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

/**
 * Japanese and English label of each input field, by which error messages name the field. The
 * CSV template's house-rule headers are the Japanese labels.
 */
export const facilityFieldLabels = {
  body: requestBodyLabel,
  name: { ja: '施設名', en: 'facility name' },
  licenceType: { ja: '営業種別', en: 'licence type' },
  licenceNumber: { ja: '届出番号・許可番号', en: 'notification or licence number' },
  postalCode: { ja: '郵便番号', en: 'postal code' },
  prefecture: { ja: '都道府県', en: 'prefecture' },
  city: { ja: '市区町村', en: 'city' },
  street: { ja: '番地', en: 'street address' },
  building: { ja: '建物名', en: 'building and room' },
  capacity: { ja: '定員', en: 'capacity' },
  officeId: { ja: '拠点', en: 'office' },
  entryCode: { ja: 'ドア・キーボックスの暗証番号', en: 'door or keybox code' },
  localDayLimit: { ja: '年間営業日数の上限（条例）', en: 'yearly day limit (local ordinance)' },
  notificationDate: { ja: '届出日', en: 'notification date' },
  houseRules: { ja: 'ハウスルール', en: 'house rules' },
  'houseRules.ja': { ja: 'ハウスルール（日本語）', en: 'house rules (Japanese)' },
  'houseRules.en': { ja: 'ハウスルール（英語）', en: 'house rules (English)' },
  'houseRules.zh-Hans': { ja: 'ハウスルール（中国語 簡体字）', en: 'house rules (Simplified Chinese)' },
  'houseRules.zh-Hant': { ja: 'ハウスルール（中国語 繁体字）', en: 'house rules (Traditional Chinese)' },
  'houseRules.ko': { ja: 'ハウスルール（韓国語）', en: 'house rules (Korean)' },
} as const satisfies FieldLabels;
/** Label of a facility id in a path or a query, as every route that takes one names it. */
export const facilityIdLabel: FieldLabel = { ja: '施設 ID', en: 'facility ID' };

export type FacilityField = Exclude<keyof typeof facilityFieldLabels, 'body'>;

/** Joins a schema message as `日本語 / English`, the form the API passes on unchanged. */
function bilingual(ja: string, en: string): string {
  return `${ja} / ${en}`;
}

/** Words an error on one facility field, named by its label. */
export function facilityFieldMessage(field: FacilityField, reason: Reason): string {
  return fieldMessage(facilityFieldLabels[field], reason);
}

/** Converts full-width ASCII (ＡＢＣ１２３－) to half-width, as Japanese spreadsheets often hold both. */
export function toHalfWidth(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

const required = bilingual('必須です', 'required');

// Lengths, ranges and whole numbers are worded by issueReason, as on every other route. Text
// fields reject control and bidirectional formatting characters as guest text does, but house
// rules, which are shown as paragraphs, may contain line breaks.
const requiredText = (max: number) =>
  rejectForbiddenCharacters(
    z
      .string({ required_error: required, invalid_type_error: bilingual('文字で入力してください', 'must be text') })
      .trim()
      .min(1, required)
      .max(max),
  );

const optionalText = (max: number, options: { allowLineBreaks?: boolean } = {}) =>
  rejectForbiddenCharacters(
    z
      .string({ invalid_type_error: bilingual('文字で入力してください', 'must be text') })
      .trim()
      .max(max),
    options,
  )
    .optional()
    .transform((value) => (value === '' ? undefined : value));

// Full-width digits are converted first, because Japanese input methods type them by default.
const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? toHalfWidth(value).trim() : value),
    z.coerce
      .number({ invalid_type_error: bilingual('数字で入力してください', 'must be a number') })
      .int(bilingual('整数で入力してください', 'must be a whole number'))
      .min(min)
      .max(max),
  );

/**
 * 住宅宿泊事業 届出 have been accepted since 2018-03-15, three months before the law took effect on
 * 2018-06-15, so no 届出日 is earlier.
 */
export const firstNotificationDate = '2018-03-15';

const datePatterns = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日$/];

/**
 * Rewrites `2024/4/1`, `2024年4月1日` and full-width digits as `2024-04-01`, because Excel in Japan
 * saves dates in those forms. Anything else is returned unchanged for the date check to reject.
 */
export function toIsoDate(value: string): string {
  const halfWidth = toHalfWidth(value);
  for (const pattern of datePatterns) {
    const match = pattern.exec(halfWidth);
    if (match) return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  }
  return halfWidth;
}

// The day the prefecture accepted the 届出 (受理日), as a date in Japan. 定期報告 are owed from the
// two-month period containing it. Checked against today's date in Japan when the input is parsed.
const notificationDate = optionalText(20)
  .transform((value) => (value === undefined ? undefined : toIsoDate(value)))
  .superRefine((value, context) => {
    if (value === undefined) return;
    if (!isJapanDate(value)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: bilingual('日付（例: 2024-04-01）で入力してください', 'must be a date such as 2024-04-01'),
      });
    } else if (value < firstNotificationDate) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: bilingual(
          `届出の受付開始日 ${firstNotificationDate} 以降の日付にしてください`,
          `must be on or after ${firstNotificationDate}, when notifications were first accepted`,
        ),
      });
    } else if (value > japanDateOf(new Date())) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: bilingual('今日以前の日付にしてください', 'must not be in the future'),
      });
    }
  });

/**
 * Editable fields of a facility, as the admin API and the CSV import accept them. Text fields are
 * trimmed, postal codes and licence numbers are normalised to half-width.
 */
export const facilityInputSchema = z
  .object({
    name: requiredText(100),
    licenceType: z.enum(licenceTypes, {
      errorMap: () => ({
        message: bilingual(
          '住宅宿泊事業・旅館業 簡易宿所・旅館業 旅館・ホテル のいずれかを選んでください',
          `must be one of ${licenceTypes.join(', ')}`,
        ),
      }),
    }),
    licenceNumber: requiredText(64).transform(toHalfWidth),
    postalCode: requiredText(8)
      .transform(toHalfWidth)
      .refine((value) => /^\d{3}-?\d{4}$/.test(value), bilingual('7 桁の数字（例: 111-0032）で入力してください', 'must be 7 digits, e.g. 111-0032'))
      .transform((value) => `${value.replace('-', '').slice(0, 3)}-${value.replace('-', '').slice(3)}`),
    prefecture: z.enum(prefectures, {
      errorMap: () => ({ message: bilingual('都道府県名（例: 東京都）で入力してください', 'must be a prefecture name such as 東京都') }),
    }),
    city: requiredText(100),
    street: requiredText(200),
    building: optionalText(200),
    capacity: wholeNumber(1, 1000),
    officeId: requiredText(64),
    houseRules: z
      .object(Object.fromEntries(houseRuleLanguages.map((language) => [language, optionalText(5000, { allowLineBreaks: true })])) as Record<
        HouseRuleLanguage,
        ReturnType<typeof optionalText>
      >)
      .strict()
      .default({}),
    // Shown to the guest on the kiosk's finish screen; letters, digits, # and * as keypads have them.
    entryCode: optionalText(32).refine(
      (value) => value === undefined || /^[0-9A-Za-z#* -]+$/.test(value),
      bilingual('半角の英数字と # * - だけで入力してください', 'may contain only letters, digits, #, * and -'),
    ),
    // 住宅宿泊事業法 第18条 lets a prefecture or city ordinance set fewer than the 180 days of 第2条.
    // An empty cell means no limit. A preprocess rather than a union, so that "90日" is reported as
    // not a number instead of as matching none of the union's forms.
    localDayLimit: z.preprocess((value) => (value === '' ? undefined : value), wholeNumber(1, 179).optional()),
    // Optional, because 旅館業 facilities owe no 定期報告 and facilities stored before the field existed have none.
    notificationDate,
  })
  .strict()
  .superRefine((input, context) => {
    // 届出番号 of a 住宅宿泊事業 are an M followed by 9 digits; 許可番号 of 旅館業 are free-form per prefecture.
    if (input.licenceType === 'private-lodging' && !/^M\d{9}$/.test(input.licenceNumber)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['licenceNumber'],
        message: bilingual('住宅宿泊事業の届出番号は M と 9 桁の数字です（例: M130012345）', 'a private-lodging (住宅宿泊事業) notification number is M and 9 digits, e.g. M130012345'),
      });
    }
    if (input.licenceType !== 'private-lodging' && input.localDayLimit !== undefined) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['localDayLimit'],
        message: bilingual('営業日数の上限は住宅宿泊事業の施設にだけ設定できます', 'a day limit applies to private-lodging (住宅宿泊事業) facilities only'),
      });
    }
  });

export type FacilityInput = z.output<typeof facilityInputSchema>;

export type { FieldError };

export type FacilityInputResult = { ok: true; value: FacilityInput } | { ok: false; errors: FieldError[] };

/**
 * Validates facility input and returns one error per invalid field, each naming the field by its
 * label in Japanese and English.
 */
export function validateFacilityInput(input: unknown): FacilityInputResult {
  const result = facilityInputSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error.issues, facilityFieldLabels) };
}
