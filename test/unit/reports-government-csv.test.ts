import iconv from 'iconv-lite';
import { governmentReportCsv, nationalityColumnCounts } from '../../lambdas/reports/government-report-csv';
import type { PeriodicReportFigures } from '../../lambdas/reports/periodic-report-figures';
import { reportingPeriod } from '../../lambdas/reports/reporting-periods';

const figures: PeriodicReportFigures = {
  daysWithGuests: 4,
  lodgingDays: ['2026-06-20', '2026-06-21', '2026-06-22', '2026-06-23'],
  guestCount: 5,
  guestNights: 14,
  guestsByNationality: { resident: 1, JP: 1, US: 1, BR: 1, unknown: 1 },
};

describe('government report CSV', () => {
  test('nationalities map to the 22 columns', () => {
    const counts = nationalityColumnCounts(figures);

    expect(counts).toHaveLength(22);
    expect(counts[0]).toBe(2);
    expect(counts[18]).toBe(1);
    expect(counts[21]).toBe(2);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(figures.guestCount);
  });

  test('file is CP932 with CRLF and no BOM', () => {
    const file = governmentReportCsv([{ notificationNumber: 'M130000001', period: reportingPeriod('2026-06'), figures }]);

    expect([...file.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    // 届 in CP932 is 0x93 0xCD.
    expect([...file.subarray(0, 2)]).toEqual([0x93, 0xcd]);
    const text = iconv.decode(file, 'cp932');
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toBe(
      '届出番号,報告期間,宿泊日数,宿泊者数,宿泊延べ人数,日本,韓国,台湾,香港,中国,タイ,シンガポール,マレーシア,インドネシア,フィリピン,ベトナム,インド,英国,ドイツ,フランス,イタリア,スペイン,ロシア,米国,カナダ,オーストラリア,その他,宿泊日',
    );
    expect(lines[1]).toBe(
      'M130000001,2026年度06月～07月,4,5,14,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,2,2026/06/20;2026/06/21;2026/06/22;2026/06/23',
    );
  });

  test('period label keeps the full-width tilde', () => {
    const file = governmentReportCsv([{ notificationNumber: 'M1', period: reportingPeriod('2026-12'), figures }]);

    expect(iconv.decode(file, 'cp932')).toContain('2026年度12月～01月');
  });

  test('zero report row', () => {
    const zero: PeriodicReportFigures = { daysWithGuests: 0, lodgingDays: [], guestCount: 0, guestNights: 0, guestsByNationality: {} };

    const text = iconv.decode(governmentReportCsv([{ notificationNumber: 'M2', period: reportingPeriod('2026-08'), figures: zero }]), 'cp932');

    expect(text.split('\r\n')[1]).toBe(`M2,2026年度08月～09月,0,0,0,${Array(22).fill('0').join(',')},`);
  });
});
