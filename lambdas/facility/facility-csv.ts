import { parse } from 'csv-parse/sync';
import type { Reason } from '../http/validation-messages';
import { facilityFieldLabels, facilityFieldMessage, toHalfWidth, validateFacilityInput, type FacilityInput, type FieldError } from './facility-input';
import { houseRuleLanguages, licenceTypes, type LicenceType } from './facility-repository';

/**
 * Columns of the bulk-import CSV, in template order: the Japanese header, and the input field it
 * fills. The office column contains the office's name (拠点名), as operators know offices by name.
 */
export const importColumns = [
  { header: '施設名', field: 'name' },
  { header: '営業種別', field: 'licenceType' },
  { header: '届出番号・許可番号', field: 'licenceNumber' },
  { header: '届出日', field: 'notificationDate' },
  { header: '郵便番号', field: 'postalCode' },
  { header: '都道府県', field: 'prefecture' },
  { header: '市区町村', field: 'city' },
  { header: '番地', field: 'street' },
  { header: '建物名', field: 'building' },
  { header: '定員', field: 'capacity' },
  { header: '拠点名', field: 'officeId' },
  { header: 'ドア・キーボックスの暗証番号', field: 'entryCode' },
  { header: '年間営業日数の上限（条例）', field: 'localDayLimit' },
  ...houseRuleLanguages.map((language) => ({
    header: facilityFieldLabels[`houseRules.${language}`].ja,
    field: `houseRules.${language}` as const,
  })),
] as const;

/** An input field that a template column fills. */
export type ImportField = (typeof importColumns)[number]['field'];

/** Largest file and row count one import accepts; 1,000 facilities fit with room to spare. */
export const maxImportBytes = 3 * 1024 * 1024;
export const maxImportRows = 2000;

/**
 * Licence type labels a spreadsheet may use, besides the API's own values, in half-width form.
 * The first three are the names admin-web shows.
 */
const licenceTypeLabels: Readonly<Record<string, LicenceType>> = {
  '住宅宿泊事業(民泊)': 'private-lodging',
  '旅館業(簡易宿所)': 'simple-lodging',
  '旅館業(旅館・ホテル)': 'ryokan-hotel',
  住宅宿泊事業: 'private-lodging',
  民泊: 'private-lodging',
  '旅館業 簡易宿所': 'simple-lodging',
  簡易宿所: 'simple-lodging',
  '旅館業 旅館・ホテル': 'ryokan-hotel',
  '旅館・ホテル': 'ryokan-hotel',
  旅館業: 'ryokan-hotel',
};

/** Builds the template file: the header row only, UTF-8 with a BOM so that Excel opens it as UTF-8. */
export function importTemplateCsv(): string {
  return `\uFEFF${importColumns.map((column) => column.header).join(',')}\r\n`;
}

export type ImportEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';

/**
 * Decodes an uploaded file: UTF-8 with or without a BOM, else Shift_JIS (CP932, Excel's default
 * in Japan). A file is UTF-8 when it decodes as UTF-8 without an invalid byte sequence.
 */
export function decodeImportFile(bytes: Buffer): { text: string; encoding: ImportEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // The WHATWG Shift_JIS decoder reads Windows-31J (CP932), NEC and IBM extensions included.
    return { text: new TextDecoder('shift_jis').decode(bytes), encoding: 'shift_jis' };
  }
}

/** One data row of the file, numbered as a spreadsheet shows it (the header is row 1). */
export interface ImportRow {
  readonly rowNumber: number;
  /** The 施設名 cell as written, also for an invalid row, so that a preview can show which facility it is. */
  readonly name?: string;
  readonly input?: FacilityInput;
  readonly errors: readonly FieldError[];
}

/** A problem with the file as a whole, reported instead of row results. */
export class ImportFileError extends Error {
  constructor(readonly reason: Reason) {
    super(reason.en);
    this.name = 'ImportFileError';
  }
}

/**
 * Finds the 1-based line on which a quoted field opens and never closes, or undefined when every
 * quote closes. An escaped quote (`""`) inside a field toggles twice, so it leaves the state as is.
 */
export function unclosedQuoteLine(text: string): number | undefined {
  let line = 1;
  let openedOn: number | undefined;
  for (const character of text) {
    if (character === '\n') line += 1;
    else if (character === '"') openedOn = openedOn === undefined ? line : undefined;
  }
  return openedOn;
}

/**
 * Parses and validates every row. Office names become office ids through `officeIdsByName`;
 * a licence number that appears twice in the file is an error on its later rows.
 */
export function parseImportCsv(text: string, officeIdsByName: ReadonlyMap<string, string>): ImportRow[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: true, trim: true, bom: true });
  } catch (error) {
    // csv-parse reports the line where it stopped, which for an unclosed quote is the file's end.
    const line = unclosedQuoteLine(text) ?? (error as { lines?: number }).lines;
    throw new ImportFileError({
      ja: `CSV として読み取れません（${line ?? '?'} 行目付近）。引用符（"）の閉じ忘れがないか確認してください`,
      en: `not valid CSV near line ${line ?? '?'}: check for an unclosed quote`,
    });
  }
  const [header, ...dataRows] = records;
  if (!header) throw new ImportFileError({ ja: 'ファイルが空です。テンプレートの見出し行を残してください', en: 'the file is empty: keep the template header row' });
  const columnIndexes = importColumns.map((column) => header.indexOf(column.header));
  const missing = importColumns.filter((column, index) => columnIndexes[index] === -1 && isRequiredColumn(column.field));
  if (missing.length > 0) {
    throw new ImportFileError({
      ja: `見出し行に次の列がありません: ${missing.map((column) => column.header).join('、')}。テンプレートの見出しをそのまま使ってください`,
      en: `the header row lacks the columns ${missing.map((column) => facilityFieldLabels[column.field].en).join(', ')}: keep the template's header row`,
    });
  }
  if (dataRows.length > maxImportRows) {
    throw new ImportFileError({ ja: `一度に取り込めるのは ${maxImportRows} 行までです。ファイルを分けてください`, en: `at most ${maxImportRows} rows per file: split the file` });
  }

  const firstRowOfLicence = new Map<string, number>();
  return dataRows.map((cells, index): ImportRow => {
    const rowNumber = index + 2;
    const raw = rowToInput(cells, columnIndexes, officeIdsByName);
    const name = typeof raw.input.name === 'string' && raw.input.name !== '' ? raw.input.name : undefined;
    const result = validateFacilityInput(raw.input);
    const errors = [...raw.errors, ...(result.ok ? [] : result.errors.filter((error) => !raw.errors.some((known) => known.field === error.field)))];
    if (!result.ok || errors.length > 0) return { rowNumber, name, errors };

    const earlier = firstRowOfLicence.get(result.value.licenceNumber);
    if (earlier !== undefined) {
      return {
        rowNumber,
        name,
        errors: [
          {
            field: 'licenceNumber',
            message: facilityFieldMessage('licenceNumber', { ja: `${earlier} 行目と同じ番号です`, en: `same number as row ${earlier}` }),
          },
        ],
      };
    }
    firstRowOfLicence.set(result.value.licenceNumber, rowNumber);
    return { rowNumber, name, input: result.value, errors: [] };
  });
}

const optionalColumns: readonly string[] = ['building', 'entryCode', 'localDayLimit', 'notificationDate'];

function isRequiredColumn(field: string): boolean {
  return !field.startsWith('houseRules.') && !optionalColumns.includes(field);
}

function rowToInput(
  cells: readonly string[],
  columnIndexes: readonly number[],
  officeIdsByName: ReadonlyMap<string, string>,
): { input: Record<string, unknown>; errors: FieldError[] } {
  const input: Record<string, unknown> = { houseRules: {} };
  const errors: FieldError[] = [];
  importColumns.forEach((column, index) => {
    const value = columnIndexes[index] === -1 ? '' : (cells[columnIndexes[index]] ?? '');
    if (column.field.startsWith('houseRules.')) {
      if (value !== '') (input.houseRules as Record<string, string>)[column.field.slice('houseRules.'.length)] = value;
      return;
    }
    if (column.field === 'licenceType') {
      input.licenceType = (licenceTypes as readonly string[]).includes(value) ? value : (licenceTypeLabels[toHalfWidth(value)] ?? value);
      return;
    }
    if (column.field === 'officeId') {
      const officeId = officeIdsByName.get(value);
      if (value !== '' && !officeId) {
        errors.push({
          field: 'officeId',
          message: facilityFieldMessage('officeId', { ja: 'この名前の拠点はありません。拠点名を確認してください', en: 'no office has this name: check the office name' }),
        });
      }
      input.officeId = officeId ?? value;
      return;
    }
    if (value === '' && optionalColumns.includes(column.field)) return;
    input[column.field] = value;
  });
  return { input, errors };
}
