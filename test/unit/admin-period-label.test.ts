import { formatCalendarDate, formatReportingPeriod } from '../../admin-web/src/i18n/format';
import { reportingPeriod } from '../../lambdas/reports/reporting-periods';

describe('admin reporting period label', () => {
  test.each([
    ['2026-10', 'FY2026 Oct–Nov'],
    ['2026-04', 'FY2026 Apr–May'],
    ['2026-12', 'FY2026 Dec–Jan'],
    ['2027-02', 'FY2026 Feb–Mar'],
  ])('period %s in English is %s', (periodId, label) => {
    expect(formatReportingPeriod(reportingPeriod(periodId), 'en')).toBe(label);
  });

  test.each(['2026-10', '2026-12', '2027-02'])('period %s in Japanese keeps the government label', (periodId) => {
    const period = reportingPeriod(periodId);

    expect(formatReportingPeriod(period, 'ja')).toBe(period.governmentLabel);
  });

  test('Japanese label is the government form', () => {
    expect(formatReportingPeriod(reportingPeriod('2026-10'), 'ja')).toBe('2026年度10月～11月');
  });
});

describe('admin calendar date', () => {
  test('Japanese date has weekday', () => {
    expect(formatCalendarDate('2026-12-05', 'ja')).toBe('2026年12月5日(土)');
  });
});
