import type { Facility } from '../../lambdas/facility/facility-repository';
import { splitCountableEntries } from '../../lambdas/reports/countable-entries';
import { FacilityReports, yearsOverLimit } from '../../lambdas/reports/facility-reports';
import type { PeriodicReportStatusRepository } from '../../lambdas/reports/periodic-report-status';
import type { CountableEntry } from '../../lambdas/reports/register-stays';
import type { StaySource } from '../../lambdas/reports/register-stay-source';
import { periodOfDay } from '../../lambdas/reports/reporting-periods';

/** Builds a kiosk stay from 2026-06-20 17:00 to 2026-06-24 10:00 with one resident guest. */
function entry(entryId: string, times: Partial<Pick<CountableEntry, 'checkedInAt' | 'checkedOutAt' | 'arrivalDate' | 'departureDate'>> = {}): CountableEntry {
  return {
    entryId,
    arrivalDate: '2026-06-20',
    departureDate: '2026-06-24',
    consent: { acceptedAt: '2026-06-20T17:00:00+09:00', language: 'ja' },
    guests: [{ guestId: 'g1', hasAddressInJapan: true }],
    ...times,
  };
}

/** Check-out recorded before the arrival, as a correction could store before it was checked. */
const checkOutBeforeArrival = entry('entry-bad', { checkedOutAt: '2026-06-19T10:00:00+09:00' });

const facility = {
  tenantId: 'tenant-1',
  facilityId: 'facility-1',
  name: '架空ハウス',
  licenceType: 'private-lodging',
  licenceNumber: 'M130000001',
  address: '架空県架空市1-1',
} as Facility;

function reportsOver(entries: CountableEntry[]): FacilityReports {
  const stays = { entriesTouching: async () => entries, staysTouching: async () => entries } as StaySource;
  const statuses = { listForFacility: async () => new Map() } as unknown as PeriodicReportStatusRepository;
  return new FacilityReports(stays, statuses);
}

describe('uncounted register entries', () => {
  test('check-out before arrival is split off', () => {
    const split = splitCountableEntries([entry('entry-good'), checkOutBeforeArrival]);

    expect(split.countable.map((countable) => countable.entryId)).toEqual(['entry-good']);
    expect(split.uncountedEntryIds).toEqual(['entry-bad']);
  });

  test.each([
    ['check-out equal to check-in', entry('entry-x', { checkedInAt: '2026-06-21T12:00:00+09:00', checkedOutAt: '2026-06-21T12:00:00+09:00' })],
    ['unparseable check-out', entry('entry-x', { checkedOutAt: 'not a time' })],
    ['unparseable departure date', entry('entry-x', { departureDate: '2026-02-30' })],
    ['departure before arrival', entry('entry-x', { departureDate: '2026-06-19' })],
  ])('%s is uncounted', (_case, inconsistent) => {
    expect(splitCountableEntries([inconsistent]).uncountedEntryIds).toEqual(['entry-x']);
  });

  test('periodic report counts the rest', async () => {
    const [report] = await reportsOver([entry('entry-good'), checkOutBeforeArrival]).periodicReports(facility, [periodOfDay('2026-06-20')], '2026-08-20');

    expect(report.figures.daysWithGuests).toBe(4);
    expect(report.figures.guestCount).toBe(1);
    expect(report.uncountedEntryIds).toEqual(['entry-bad']);
  });

  test('annual day count counts the rest', async () => {
    const count = await reportsOver([entry('entry-good'), checkOutBeforeArrival]).annualDayCount(facility, new Date('2026-08-01T03:00:00Z'));

    expect(count.daysUsed).toBe(4);
    expect(count.uncountedEntryIds).toEqual(['entry-bad']);
  });

  test('years over limit ignore the bad entry', async () => {
    const stays = { staysTouching: async () => [checkOutBeforeArrival] };

    await expect(yearsOverLimit(stays, facility, { checkInAt: new Date('2026-06-20T08:00:00Z'), checkOutAt: new Date('2026-06-24T01:00:00Z') })).resolves.toEqual([]);
  });
});
