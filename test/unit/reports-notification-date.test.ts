import { parseImportCsv } from '../../lambdas/facility/facility-csv';
import { planImport } from '../../lambdas/facility/facility-import';
import { validateFacilityInput } from '../../lambdas/facility/facility-input';
import type { Facility } from '../../lambdas/facility/facility-repository';
import type { OperatorAccess } from '../../lambdas/organisation/access-context';
import { FacilityReports } from '../../lambdas/reports/facility-reports';
import { addDays, japanDateOf } from '../../lambdas/reports/japan-time';
import type { PeriodicReportStatusRepository } from '../../lambdas/reports/periodic-report-status';
import type { RegisterStaySource } from '../../lambdas/reports/register-stay-source';
import { isPeriodOwed, reportingPeriod } from '../../lambdas/reports/reporting-periods';

/** An invented 住宅宿泊事業 facility. */
function facility(notificationDate?: string): Facility {
  return {
    tenantId: 'tenant-unit',
    facilityId: 'facility-unit',
    name: '架空荘',
    licenceType: 'private-lodging',
    licenceNumber: 'M130000001',
    address: '東京都架空区1-1',
    officeId: 'office-unit',
    notificationDate,
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Reports over an empty register with no period marked submitted. */
function emptyReports(): FacilityReports {
  const stays = { entriesTouching: async () => [] } as unknown as RegisterStaySource;
  const statuses = { listForFacility: async () => new Map() } as unknown as PeriodicReportStatusRepository;
  return new FacilityReports(stays, statuses);
}

// 2026-06 is the period from 2026-06-01 to 2026-07-31.
const junePeriods = ['2026-08', '2026-06', '2026-04'].map(reportingPeriod);

describe('periods owed from the 届出日', () => {
  test.each([
    ['inside the period', '2026-07-10', ['2026-08', '2026-06']],
    ['on its first day', '2026-06-01', ['2026-08', '2026-06']],
    ['on its last day', '2026-07-31', ['2026-08', '2026-06']],
    ['the day after it', '2026-08-01', ['2026-08']],
    ['the day before it', '2026-05-31', ['2026-08', '2026-06', '2026-04']],
  ])('届出日 %s', async (_case, notificationDate, periodIds) => {
    const reports = await emptyReports().periodicReports(facility(notificationDate), junePeriods, '2026-12-20');

    expect(reports.map((report) => report.period.periodId)).toEqual(periodIds);
  });

  test('no 届出日 lists every period', async () => {
    const reports = await emptyReports().periodicReports(facility(), junePeriods, '2026-12-20');

    expect(reports.map((report) => report.period.periodId)).toEqual(['2026-08', '2026-06', '2026-04']);
  });

  test('earlier periods are not overdue', async () => {
    const reports = await emptyReports().periodicReports(facility('2026-08-15'), junePeriods, '2026-12-20');

    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'not-submitted', overdue: true });
    expect(reports[0].period.periodId).toBe('2026-08');
  });

  test('period before 届出日 gives no report', async () => {
    const reports = await emptyReports().periodicReports(facility('2026-10-01'), junePeriods, '2026-12-20');

    expect(reports).toEqual([]);
  });

  test('isPeriodOwed compares with the last day', () => {
    const june = reportingPeriod('2026-06');

    expect(isPeriodOwed(june, undefined)).toBe(true);
    expect(isPeriodOwed(june, june.lastDay)).toBe(true);
    expect(isPeriodOwed(june, addDays(june.lastDay, 1))).toBe(false);
  });
});

/** Builds a valid facility body with the given 届出日. */
function input(notificationDate: unknown) {
  return {
    name: '架空荘',
    licenceType: 'private-lodging',
    licenceNumber: 'M130000001',
    postalCode: '111-0032',
    prefecture: '東京都',
    city: '台東区',
    street: '架空1-2-3',
    capacity: 4,
    officeId: 'office-unit',
    notificationDate,
  };
}

describe('届出日 input', () => {
  test.each([
    ['2024-04-01', '2024-04-01'],
    ['2024/4/1', '2024-04-01'],
    ['２０２４／０４／０１', '2024-04-01'],
    ['2024年4月1日', '2024-04-01'],
    ['', undefined],
    [undefined, undefined],
  ])('%s is stored as %s', (given, stored) => {
    const result = validateFacilityInput(input(given));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.notificationDate).toBe(stored);
  });

  test.each([
    ['not a date', '来月'],
    ['not a calendar day', '2025-02-29'],
    ['before 届出 were accepted', '2018-03-14'],
    ['in the future', addDays(japanDateOf(new Date()), 2)],
    ['not text', 20240401],
  ])('%s is rejected with the field named', (_case, given) => {
    const result = validateFacilityInput(input(given));

    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('notificationDate');
    expect(errors[0].message).toMatch(/^届出日: .+ \/ notification date: .+/);
  });

  test('optional for 旅館業', () => {
    const result = validateFacilityInput({ ...input(undefined), licenceType: 'simple-lodging', licenceNumber: '台東保衛第12号' });

    expect(result.ok).toBe(true);
  });
});

describe('届出日 in the CSV import', () => {
  const owner: OperatorAccess = {
    tenantId: 'tenant-unit',
    userId: 'owner-unit',
    email: 'owner@example.invalid',
    role: 'owner',
    grants: [],
    officeIds: [],
    allOffices: true,
    mfaSetupRequired: false,
    mfaEnabled: true,
  };
  const offices = new Map([['架空拠点', 'office-unit']]);
  const stored = { facilities: [{ ...facility('2023-06-01'), name: '架空荘', capacity: 4 }], officeIds: new Set(['office-unit']) };
  const row = '架空荘,住宅宿泊事業,M130000001,111-0032,東京都,台東区,架空1-2-3,,4,架空拠点';

  test('column sets the date', () => {
    const rows = parseImportCsv(`施設名,営業種別,届出番号・許可番号,郵便番号,都道府県,市区町村,番地,建物名,定員,拠点名,届出日\n${row},2024/4/1\n`, offices);

    expect(rows[0].errors).toEqual([]);
    expect(rows[0].input?.notificationDate).toBe('2024-04-01');
  });

  test('empty cell keeps stored date', () => {
    const rows = parseImportCsv(`施設名,営業種別,届出番号・許可番号,郵便番号,都道府県,市区町村,番地,建物名,定員,拠点名,届出日\n${row},\n`, offices);
    const [planned] = planImport(owner, rows, stored);

    expect(rows[0].input?.notificationDate).toBeUndefined();
    expect(planned.input?.notificationDate).toBe('2023-06-01');
    expect(planned.changedFields).not.toContain('notificationDate');
  });

  test('missing column keeps stored date', () => {
    const rows = parseImportCsv(`施設名,営業種別,届出番号・許可番号,郵便番号,都道府県,市区町村,番地,建物名,定員,拠点名\n${row}\n`, offices);
    const [planned] = planImport(owner, rows, stored);

    expect(planned.input?.notificationDate).toBe('2023-06-01');
  });

  test('bad date names the column', () => {
    const rows = parseImportCsv(`施設名,営業種別,届出番号・許可番号,郵便番号,都道府県,市区町村,番地,建物名,定員,拠点名,届出日\n${row},2024-13-01\n`, offices);

    expect(rows[0].errors.map((error) => error.field)).toEqual(['notificationDate']);
    expect(rows[0].errors[0].message).toContain('届出日: ');
  });
});
