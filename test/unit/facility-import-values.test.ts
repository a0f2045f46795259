import { importColumns, parseImportCsv } from '../../lambdas/facility/facility-csv';

const officeIdsByName = new Map([['架空拠点', 'office-unit']]);

/** Builds a CSV of the template's columns with one row of `values`, keyed by field. Other cells stay empty. */
function csvRow(values: Record<string, string>): string {
  const header = importColumns.map((column) => column.header).join(',');
  const row = importColumns.map((column) => values[column.field] ?? '').join(',');
  return `${header}\r\n${row}\r\n`;
}

const privateLodging = {
  name: '架空荘',
  licenceType: '住宅宿泊事業',
  licenceNumber: 'M130000001',
  postalCode: '100-0001',
  prefecture: '東京都',
  city: '架空区',
  street: '架空1-1',
  capacity: '4',
  officeId: '架空拠点',
};

describe('facility import values', () => {
  test.each([
    ['住宅宿泊事業（民泊）', 'private-lodging', 'M130000001'],
    ['旅館業（簡易宿所）', 'simple-lodging', '架空第1号'],
    ['旅館業（旅館・ホテル）', 'ryokan-hotel', '架空第2号'],
    ['旅館業(簡易宿所)', 'simple-lodging', '架空第3号'],
  ])('admin-web name %s accepted', (label, licenceType, licenceNumber) => {
    const [row] = parseImportCsv(csvRow({ ...privateLodging, licenceType: label, licenceNumber }), officeIdsByName);

    expect(row.errors).toEqual([]);
    expect(row.input?.licenceType).toBe(licenceType);
  });

  test('unknown licence type rejected', () => {
    const [row] = parseImportCsv(csvRow({ ...privateLodging, licenceType: '民宿（架空）' }), officeIdsByName);

    expect(row.errors.map((error) => error.field)).toEqual(['licenceType']);
  });

  test('full-width capacity accepted', () => {
    const [row] = parseImportCsv(csvRow({ ...privateLodging, capacity: '１２' }), officeIdsByName);

    expect(row.errors).toEqual([]);
    expect(row.input?.capacity).toBe(12);
  });

  test('full-width day limit accepted', () => {
    const [row] = parseImportCsv(csvRow({ ...privateLodging, localDayLimit: '９０' }), officeIdsByName);

    expect(row.errors).toEqual([]);
    expect(row.input?.localDayLimit).toBe(90);
  });

  test('capacity with unit rejected', () => {
    const [row] = parseImportCsv(csvRow({ ...privateLodging, capacity: '４人' }), officeIdsByName);

    expect(row.errors.map((error) => error.field)).toEqual(['capacity']);
  });
});
