import { stringify } from 'csv-stringify/sync';
import type { PeriodicReportFigures } from './periodic-report-figures';
import { residentGroup } from './periodic-report-figures';
import type { ReportingPeriod } from './reporting-periods';
import { encodeCp932 } from './cp932-encoder';

/**
 * Nationality columns of the 民泊制度運営システム upload, in order, with the ISO 3166-1 alpha-2
 * codes each one takes. Guests with an address in Japan go to 日本. Every other country, and a
 * missing nationality, goes to その他.
 */
export const governmentNationalityColumns: readonly { readonly label: string; readonly codes: readonly string[] }[] = [
  { label: '日本', codes: ['JP', residentGroup] },
  { label: '韓国', codes: ['KR'] },
  { label: '台湾', codes: ['TW'] },
  { label: '香港', codes: ['HK'] },
  { label: '中国', codes: ['CN'] },
  { label: 'タイ', codes: ['TH'] },
  { label: 'シンガポール', codes: ['SG'] },
  { label: 'マレーシア', codes: ['MY'] },
  { label: 'インドネシア', codes: ['ID'] },
  { label: 'フィリピン', codes: ['PH'] },
  { label: 'ベトナム', codes: ['VN'] },
  { label: 'インド', codes: ['IN'] },
  { label: '英国', codes: ['GB'] },
  { label: 'ドイツ', codes: ['DE'] },
  { label: 'フランス', codes: ['FR'] },
  { label: 'イタリア', codes: ['IT'] },
  { label: 'スペイン', codes: ['ES'] },
  { label: 'ロシア', codes: ['RU'] },
  { label: '米国', codes: ['US'] },
  { label: 'カナダ', codes: ['CA'] },
  { label: 'オーストラリア', codes: ['AU'] },
];
const otherColumn = 'その他';

export interface GovernmentReportRow {
  /** 届出番号 of the facility. */
  readonly notificationNumber: string;
  readonly period: ReportingPeriod;
  readonly figures: PeriodicReportFigures;
}

/** Returns the 22 nationality counts in column order, その他 last. */
export function nationalityColumnCounts(figures: PeriodicReportFigures): number[] {
  const counts = governmentNationalityColumns.map(() => 0);
  let other = 0;
  for (const [group, count] of Object.entries(figures.guestsByNationality)) {
    const column = governmentNationalityColumns.findIndex((candidate) => candidate.codes.includes(group));
    if (column === -1) other += count;
    else counts[column] += count;
  }
  return [...counts, other];
}

/**
 * Writes the upload file of the government's 民泊制度運営システム: Shift_JIS (CP932) without a BOM,
 * CRLF line ends, one row per facility and period. That system rejects the whole file when any
 * row is in error.
 * NOTE: the layout follows what operators who automate the upload publish, not an official
 * specification, and the date format of the 宿泊日 column (`YYYY/MM/DD`) is not confirmed.
 */
export function governmentReportCsv(rows: readonly GovernmentReportRow[]): Buffer {
  const header = [
    '届出番号',
    '報告期間',
    '宿泊日数',
    '宿泊者数',
    '宿泊延べ人数',
    ...governmentNationalityColumns.map((column) => column.label),
    otherColumn,
    '宿泊日',
  ];
  const records = [header];
  for (const row of rows) {
    records.push([
      row.notificationNumber,
      row.period.governmentLabel,
      String(row.figures.daysWithGuests),
      String(row.figures.guestCount),
      String(row.figures.guestNights),
      ...nationalityColumnCounts(row.figures).map(String),
      row.figures.lodgingDays.map((day) => day.replaceAll('-', '/')).join(';'),
    ]);
  }
  return encodeCp932(stringify(records, { record_delimiter: 'windows' }));
}
