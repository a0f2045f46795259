import { stringify, type Stringifier } from 'csv-stringify';
import { once } from 'node:events';
import { isLongStay, nightsOf } from '../reports/long-stay';
import { formatJapanDateTime } from '../reports/japan-time';
import { stayPeriodOfEntry } from '../reports/register-stays';
import { decryptGuest, type OpenedGuest } from './guest-decryption';
import type { PiiDisclosure } from './audit-log';
import type { RegisterEntry } from './register-entry';
import {
  exportPageSize,
  streamRegisterExport,
  type RegisterExportDependencies,
  type RegisterExportRequest,
  type RegisterExportWriter,
} from './register-export';

/** Column headers of the 宿泊者名簿 CSV, one row per guest, in this order. Date-times are Japan time. */
export const registerCsvHeaders = [
  '宿泊者名簿番号',
  'チェックイン日',
  'チェックアウト日',
  '泊数',
  'チェックイン日時（日本時間）',
  'チェックアウト日時（日本時間）',
  '氏名',
  '住所',
  '職業',
  '連絡先',
  '日本国内の住所',
  '国籍',
  '旅券番号',
  '旅券の写し',
  '長期滞在（7泊以上）',
  '登録日時（日本時間）',
] as const;

/**
 * Creates the CSV stream of a register export: UTF-8 with a byte order mark and CRLF line ends,
 * which Excel needs to open Japanese text correctly, and the header row first.
 */
export function createRegisterCsvStream(): Stringifier {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.write([...registerCsvHeaders]);
  return csv;
}

/** Rows of one stay, one per guest, in the order of `registerCsvHeaders`. */
export function registerCsvRows(entry: RegisterEntry, guests: readonly OpenedGuest[]): string[][] {
  const stay = stayPeriodOfEntry(entry);
  const longStay = isLongStay(entry.arrivalDate, entry.departureDate) ? 'はい' : 'いいえ';
  return guests.map((guest) => [
    entry.entryId,
    entry.arrivalDate,
    entry.departureDate,
    String(nightsOf(entry.arrivalDate, entry.departureDate)),
    formatJapanDateTime(stay.checkInAt),
    checkOutCell(entry, stay.checkOutAt),
    neutralizeFormula(guest.name),
    neutralizeFormula(guest.address),
    neutralizeFormula(guest.occupation ?? ''),
    neutralizeFormula(guest.contact ?? ''),
    guest.hasAddressInJapan ? 'あり' : 'なし',
    guest.nationality ?? '',
    neutralizeFormula(guest.passportNumber ?? ''),
    guest.passportImageId ? 'あり' : 'なし',
    longStay,
    formatJapanDateTime(new Date(entry.createdAt)),
  ]);
}

/** Marks a check-out time that nobody recorded: the assumed 10:00 on the departure date. */
export const assumedCheckOutSuffix = '（予定）';

/**
 * Formats a stay's check-out: the recorded time as is, an assumed one followed by
 * `assumedCheckOutSuffix`, so that a reader of the CSV or PDF register can tell the two apart.
 */
export function checkOutCell(entry: RegisterEntry, checkOutAt: Date): string {
  const formatted = formatJapanDateTime(checkOutAt);
  return entry.checkedOutAt ? formatted : `${formatted}${assumedCheckOutSuffix}`;
}

/**
 * Prefixes an apostrophe to a guest-typed value that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return), so opening the export in Excel runs nothing.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Streams the register of one facility for arrival dates `[from, to]` into a CSV file in S3, one
 * row per guest, decrypted or masked by the request's disclosure exactly as in the PDF
 * export. Each page of entries is audited as an export with that disclosure.
 */
export function exportRegisterCsv(
  deps: RegisterExportDependencies,
  request: RegisterExportRequest,
): Promise<{ rowCount: number; entryCount: number; objectKey: string }> {
  return streamRegisterExport(deps, request, createRegisterCsvWriter(request.disclosure));
}

function createRegisterCsvWriter(disclosure: PiiDisclosure): RegisterExportWriter {
  const csv = createRegisterCsvStream();
  return {
    format: 'csv',
    contentType: 'text/csv; charset=utf-8',
    pageSize: exportPageSize,
    audit: { action: 'export', disclosure, resource: 'register-csv' },
    body: csv,
    async writeEntry(entry, envelope) {
      const guests = entry.guests.map((guest) => decryptGuest(envelope, entry, guest, disclosure));
      const rows = registerCsvRows(entry, guests);
      for (const row of rows) {
        if (!csv.write(row)) await once(csv, 'drain');
      }
      return rows.length;
    },
    end: () => csv.end(),
    destroy: (error) => csv.destroy(error),
  };
}
