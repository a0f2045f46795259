import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { parseInput } from '../http/request-parsing';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { facilityReports, operatorAccess, reportableFacilities } from './report-access';
import { reportFieldLabels } from './report-field-labels';
import { annualDayCountJson, uncountedEntriesJson } from './report-json';

const logger = createLogger('get-annual-day-counts');
const querySchema = z.object({ facilityId: z.string().trim().min(1).max(64).optional() });

/**
 * GET /reports/annual-days?facilityId=: days used and remaining of the 180-day cap (or the local
 * limit) in the current year from April 1 noon, per 住宅宿泊事業 facility, for the dashboard.
 * `uncountedEntries` lists the register entries left out because their stay times disagree.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await operatorAccess.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'report:manage');
  const query = parseInput(querySchema, event.queryStringParameters ?? {}, reportFieldLabels);

  const now = new Date();
  const counts = [];
  const uncountedEntries = [];
  for (const facility of await reportableFacilities(caller, query.facilityId)) {
    const count = await facilityReports.annualDayCount(facility, now);
    counts.push(annualDayCountJson(facility, count));
    uncountedEntries.push(...uncountedEntriesJson(facility, count.uncountedEntryIds));
  }
  if (uncountedEntries.length > 0) {
    logger.warn('Register entries left out of the 180-day count', { entryIds: uncountedEntries.map((entry) => entry.entryId) });
  }
  return { body: { counts, uncountedEntries } };
});
