import type { Facility } from '../facility/facility-repository';
import { capYear, type AnnualDayCount } from './annual-day-cap';
import type { FacilityPeriodicReport } from './facility-reports';
import { dateOfDayNumber } from './japan-time';

/** Converts a periodic report to its API shape. Figures carry counts and dates only, no guest data. */
export function periodicReportJson(report: FacilityPeriodicReport) {
  return {
    facilityId: report.facilityId,
    facilityName: report.facilityName,
    notificationNumber: report.notificationNumber,
    periodId: report.period.periodId,
    firstDay: report.period.firstDay,
    lastDay: report.period.lastDay,
    dueDate: report.period.dueDate,
    governmentLabel: report.period.governmentLabel,
    status: report.status,
    statusChangedAt: report.statusChangedAt,
    overdue: report.overdue,
    figures: report.figures,
  };
}

/** Converts a 住宅宿泊事業 facility to the fields the report list shows next to its reports. */
export function reportingFacilityJson(facility: Facility) {
  return {
    facilityId: facility.facilityId,
    facilityName: facility.name,
    notificationNumber: facility.licenceNumber,
    notificationDate: facility.notificationDate ?? null,
  };
}

/** Converts a 180-day count to its API shape, with the first and last lodging day of its year. */
export function annualDayCountJson(facility: { facilityId: string; name: string }, count: AnnualDayCount) {
  const year = capYear(count.year);
  return {
    facilityId: facility.facilityId,
    facilityName: facility.name,
    year: count.year,
    firstDay: dateOfDayNumber(year.firstDay),
    lastDay: dateOfDayNumber(year.lastDay),
    daysUsed: count.daysUsed,
    limit: count.limit,
    remaining: count.remaining,
    thresholdsReached: count.thresholdsReached,
  };
}

/**
 * Lists entries the figures left out because their stay times disagree, by id and facility only,
 * so the screen can link to each entry for correction without showing guest data.
 */
export function uncountedEntriesJson(facility: { facilityId: string; name: string }, entryIds: readonly string[]) {
  return [...new Set(entryIds)].map((entryId) => ({ entryId, facilityId: facility.facilityId, facilityName: facility.name }));
}
