import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { InvalidRequestError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { fieldMessage, notAfterReason } from '../http/validation-messages';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { dayNumberOf } from './japan-time';
import { facilityReports, operatorAccess, reportableFacilities } from './report-access';
import { periodIdRule, reportFieldLabels } from './report-field-labels';
import { periodicReportJson, reportingFacilityJson, uncountedEntriesJson } from './report-json';
import { isPeriodId, periodOfDay, previousPeriod, reportingPeriod, todayInJapan, type ReportingPeriod } from './reporting-periods';

const logger = createLogger('list-periodic-reports');

/** Periods one request may span: three years, as long as the register keeps entries. */
export const maxPeriodsPerRequest = 18;
const defaultPeriodCount = 6;

const periodIdSchema = z.string().refine(isPeriodId, periodIdRule);
const querySchema = z.object({
  facilityId: z.string().trim().min(1).max(64).optional(),
  from: periodIdSchema.optional(),
  to: periodIdSchema.optional(),
});

/**
 * GET /reports/periodic?facilityId=&from=&to=: the 定期報告 of each 住宅宿泊事業 facility for the
 * periods from `from` to `to` (period ids `YYYY-MM`, newest first), with due date, status and the
 * four figures. By default the six periods up to the last one that has ended. Periods that end
 * before a facility's 届出日 are left out. `facilities` lists each facility with its 届出日 (null
 * when not entered yet), so that the screen can ask for the missing ones. `uncountedEntries` lists
 * the register entries the figures leave out because their stay times disagree.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await operatorAccess.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'report:manage');
  const query = parseInput(querySchema, event.queryStringParameters ?? {}, reportFieldLabels);
  const today = todayInJapan(new Date());
  const periods = periodsBetween(query.from, query.to, today);

  const facilities = await reportableFacilities(caller, query.facilityId);
  const reports = [];
  const uncountedEntries = [];
  for (const facility of facilities) {
    const facilityPeriods = await facilityReports.periodicReports(facility, periods, today);
    reports.push(...facilityPeriods);
    uncountedEntries.push(...uncountedEntriesJson(facility, facilityPeriods.flatMap((report) => report.uncountedEntryIds)));
  }
  if (uncountedEntries.length > 0) {
    logger.warn('Register entries left out of the periodic reports', { entryIds: uncountedEntries.map((entry) => entry.entryId) });
  }
  return {
    body: {
      today,
      facilities: facilities.map((facility) => reportingFacilityJson(facility)),
      reports: reports.map(periodicReportJson),
      uncountedEntries,
    },
  };
});

function periodsBetween(from: string | undefined, to: string | undefined, today: string): ReportingPeriod[] {
  const last = to ? reportingPeriod(to) : previousPeriod(periodOfDay(today));
  let first = from ? reportingPeriod(from) : last;
  if (!from) {
    for (let count = 1; count < defaultPeriodCount; count += 1) first = previousPeriod(first);
  }
  if (dayNumberOf(first.firstDay) > dayNumberOf(last.firstDay)) {
    throw new InvalidRequestError(fieldMessage(reportFieldLabels.from, notAfterReason(reportFieldLabels.to)), 'from');
  }

  const periods: ReportingPeriod[] = [];
  for (let period = last; dayNumberOf(period.firstDay) >= dayNumberOf(first.firstDay); period = previousPeriod(period)) {
    periods.push(period);
    if (periods.length > maxPeriodsPerRequest) {
      throw new InvalidRequestError(
        fieldMessage(reportFieldLabels.from, {
          ja: `期間は最大 ${maxPeriodsPerRequest} 期（3 年）までです`,
          en: `may span at most ${maxPeriodsPerRequest} periods (3 years)`,
        }),
        'from',
      );
    }
  }
  return periods;
}
