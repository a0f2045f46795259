import type { Facility } from '../facility/facility-repository';
import { capYearAt, countAnnualDays, statutoryDayLimit, type AnnualDayCount, type CapYear } from './annual-day-cap';
import { splitCountableEntries } from './countable-entries';
import { dateOfDayNumber, type JapanDate } from './japan-time';
import { computePeriodicReportFigures, type PeriodicReportFigures } from './periodic-report-figures';
import type { PeriodicReportStatusRepository, SubmissionStatus } from './periodic-report-status';
import type { StayPeriod } from './lodging-days';
import { countedStayOfEntry, stayPeriodOfEntry } from './register-stays';
import type { StaySource } from './register-stay-source';
import { isPeriodOwed, periodDayRange, type ReportingPeriod } from './reporting-periods';

/** One facility's 定期報告 for one period, with its figures and the operator's submission mark. */
export interface FacilityPeriodicReport {
  readonly facilityId: string;
  readonly facilityName: string;
  /** 届出番号, the key of the row in the government system. */
  readonly notificationNumber: string;
  readonly period: ReportingPeriod;
  readonly status: SubmissionStatus;
  readonly statusChangedAt?: string;
  /** Not submitted and past its due date. */
  readonly overdue: boolean;
  readonly figures: PeriodicReportFigures;
  /** Entries of the facility that the figures leave out because their stay times disagree. */
  readonly uncountedEntryIds: readonly string[];
}

/** A facility's 180-day count, with the entries left out because their stay times disagree. */
export interface FacilityAnnualDayCount extends AnnualDayCount {
  readonly uncountedEntryIds: readonly string[];
}

/** Returns whether the facility's licence requires the 定期報告 and the 180-day cap (住宅宿泊事業 only). */
export function isReportable(facility: Facility): boolean {
  return facility.licenceType === 'private-lodging';
}

export function annualDayLimitOf(facility: Facility): number {
  return facility.reportSettings?.annualDayLimit ?? statutoryDayLimit;
}

/** Computes reports and day counts from the register, whatever channel each stay came from. */
export class FacilityReports {
  constructor(
    private readonly stays: StaySource,
    private readonly statuses: PeriodicReportStatusRepository,
  ) {}

  /**
   * Computes the reports of `periods` (any order) for one 住宅宿泊事業 facility. `today` is the date
   * in Japan. Periods that end before the facility's 届出日 are left out, because nothing was owed.
   */
  async periodicReports(facility: Facility, requested: readonly ReportingPeriod[], today: JapanDate): Promise<FacilityPeriodicReport[]> {
    const periods = requested.filter((period) => isPeriodOwed(period, facility.notificationDate));
    if (periods.length === 0) return [];
    const firstDay = periods.map((period) => period.firstDay).sort()[0];
    const lastDay = periods.map((period) => period.lastDay).sort().at(-1)!;
    const [entries, marks] = await Promise.all([
      this.stays.entriesTouching(facility.tenantId, facility.facilityId, firstDay, lastDay),
      this.statuses.listForFacility(facility.tenantId, facility.facilityId),
    ]);
    const { countable, uncountedEntryIds } = splitCountableEntries(entries);
    const stays = countable.map(countedStayOfEntry);
    const rule = facility.reportSettings?.nationalityBreakdown ?? 'all-guests';

    return periods.map((period) => {
      const mark = marks.get(period.periodId);
      const status = mark?.status ?? 'not-submitted';
      return {
        facilityId: facility.facilityId,
        facilityName: facility.name,
        notificationNumber: facility.licenceNumber,
        period,
        status,
        statusChangedAt: mark?.changedAt,
        overdue: status === 'not-submitted' && today > period.dueDate,
        figures: computePeriodicReportFigures(stays, periodDayRange(period), rule),
        uncountedEntryIds,
      };
    });
  }

  /** Counts days used and remaining in the cap year at `now`, from every countable stay in the register. */
  annualDayCount(facility: Facility, now: Date): Promise<FacilityAnnualDayCount> {
    return countAnnualDaysOf(this.stays, facility, capYearAt(now));
  }
}

/**
 * Counts the cap years a stay touches (two when it spans April 1 noon) and returns those over
 * the facility's limit with the stay stored. The result is empty when the stay keeps within it.
 */
export async function yearsOverLimit(stays: Pick<StaySource, 'staysTouching'>, facility: Facility, stay: StayPeriod): Promise<AnnualDayCount[]> {
  const years = [capYearAt(stay.checkInAt), capYearAt(new Date(stay.checkOutAt.getTime() - 1))];
  const counts: AnnualDayCount[] = [];
  for (const year of years[0].year === years[1].year ? [years[0]] : years) {
    const count = await countAnnualDaysOf(stays, facility, year);
    if (count.daysUsed > count.limit) counts.push(count);
  }
  return counts;
}

async function countAnnualDaysOf(stays: Pick<StaySource, 'staysTouching'>, facility: Facility, year: CapYear): Promise<FacilityAnnualDayCount> {
  const entries = await stays.staysTouching(facility.tenantId, facility.facilityId, dateOfDayNumber(year.firstDay), dateOfDayNumber(year.lastDay));
  const { countable, uncountedEntryIds } = splitCountableEntries(entries);
  return { ...countAnnualDays(countable.map(stayPeriodOfEntry), year, annualDayLimitOf(facility)), uncountedEntryIds };
}
