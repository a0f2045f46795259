import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { parseInput } from '../http/request-parsing';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { facilityReports, operatorAccess, reportableFacilities } from './report-access';
import { reportFieldLabels } from './report-field-labels';
import { annualDayCountJson } from './report-json';

const logger = createLogger('get-annual-day-counts');
const querySchema = z.object({ facilityId: z.string().trim().min(1).max(64).optional() });

/**
 * GET /reports/annual-days?facilityId=: days used and remaining of the 180-day cap (or the local
 * limit) in the current year from April 1 noon, per 住宅宿泊事業 facility, for the dashboard.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await operatorAccess.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'report:manage');
  const query = parseInput(querySchema, event.queryStringParameters ?? {}, reportFieldLabels);

  const now = new Date();
  const counts = [];
  for (const facility of await reportableFacilities(caller, query.facilityId)) {
    counts.push(annualDayCountJson(facility, await facilityReports.annualDayCount(facility, now)));
  }
  return { body: { counts } };
});
