import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { ConflictError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { operatorAccess, reportableFacilities, reportStatuses } from './report-access';
import { periodIdRule, reportFieldLabels } from './report-field-labels';
import { isPeriodId, isPeriodOwed, reportingPeriod, todayInJapan } from './reporting-periods';

const logger = createLogger('update-periodic-report-status');

const pathSchema = z.object({
  facilityId: z.string().trim().min(1).max(64),
  periodId: z.string().refine(isPeriodId, periodIdRule),
});
const bodySchema = z
  .object({
    status: z.enum(['submitted', 'not-submitted'], {
      errorMap: () => ({ message: 'submitted (提出済) か not-submitted (未提出) です / must be submitted or not-submitted' }),
    }),
  })
  .strict();

/**
 * PUT /reports/periodic/{facilityId}/{periodId}/status with `{ status }`: the operator marks a
 * 定期報告 提出済 (`submitted`) once filed in the government system, or 未提出 again. Periods
 * that have not ended, or that ended before the facility's 届出日, are rejected with 409.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await operatorAccess.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'report:manage');
  const { facilityId, periodId } = parseInput(pathSchema, event.pathParameters ?? {}, reportFieldLabels);
  logger.appendKeys({ facilityId, periodId });
  const { status } = parseInput(bodySchema, parseJsonBody(event.body, event.isBase64Encoded), reportFieldLabels);

  const [facility] = await reportableFacilities(caller, facilityId);
  const period = reportingPeriod(periodId);
  const now = new Date();
  if (todayInJapan(now) <= period.lastDay) {
    throw new ConflictError(
      `報告期間 ${periodId} はまだ終わっていないため提出済にできません / period ${periodId} has not ended, so its report cannot be submitted yet`,
      'periodId',
    );
  }

  if (!isPeriodOwed(period, facility.notificationDate)) {
    throw new ConflictError(
      `報告期間 ${periodId} は届出日 ${facility.notificationDate} より前に終わっているため、定期報告はありません / ` +
        `period ${periodId} ended before the facility's notification date ${facility.notificationDate}, so no report is owed for it`,
      'periodId',
    );
  }

  const changedAt = now.toISOString();
  await reportStatuses.setStatus(caller.tenantId, { facilityId: facility.facilityId, periodId, status, changedBy: caller.userId, changedAt });
  logger.info('Periodic report status changed', { status });
  return { body: { facilityId: facility.facilityId, periodId, status, statusChangedAt: changedAt } };
});
