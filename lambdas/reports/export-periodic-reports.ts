import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { ConflictError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { governmentReportCsv } from './government-report-csv';
import { facilityReports, operatorAccess, reportableFacilities } from './report-access';
import { uncountedEntriesJson } from './report-json';
import { periodIdRule, reportFieldLabels } from './report-field-labels';
import { isPeriodId, reportingPeriod, todayInJapan } from './reporting-periods';

const logger = createLogger('export-periodic-reports');

const querySchema = z.object({
  periodId: z.string().refine(isPeriodId, periodIdRule),
  facilityId: z.string().trim().min(1).max(64).optional(),
});

/**
 * GET /reports/periodic/export?periodId=&facilityId=: the upload file of the government's
 * 民泊制度運営システム for one period, one row per 住宅宿泊事業 facility (or the one named) whose
 * 届出日 is not after the period, as base64 JSON because the HTTP API returns JSON.
 * `uncountedEntries` lists the register entries the figures leave out because their stay times
 * disagree, so the file is not uploaded before they are corrected.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await operatorAccess.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'report:manage');
  const query = parseInput(querySchema, event.queryStringParameters ?? {}, reportFieldLabels);
  const period = reportingPeriod(query.periodId);
  const today = todayInJapan(new Date());
  if (today <= period.lastDay) {
    throw new ConflictError(
      `報告期間 ${period.periodId} はまだ終わっていません / period ${period.periodId} has not ended yet`,
      'periodId',
    );
  }

  const facilities = await reportableFacilities(caller, query.facilityId);
  const rows = [];
  const uncountedEntries = [];
  for (const facility of facilities) {
    const [report] = await facilityReports.periodicReports(facility, [period], today);
    // No report is owed for a period that ended before the facility's 届出日.
    if (!report) continue;
    rows.push({ notificationNumber: report.notificationNumber, period, figures: report.figures });
    uncountedEntries.push(...uncountedEntriesJson(facility, report.uncountedEntryIds));
  }
  if (uncountedEntries.length > 0) {
    logger.warn('Register entries left out of the report export', { entryIds: uncountedEntries.map((entry) => entry.entryId) });
  }
  const file = governmentReportCsv(rows);
  return {
    body: {
      fileName: `teiki-houkoku-${period.periodId}.csv`,
      contentType: 'text/csv; charset=Shift_JIS',
      rowCount: rows.length,
      dataBase64: file.toString('base64'),
      uncountedEntries,
    },
  };
});
