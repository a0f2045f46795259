import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { NotFoundError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { requireInOffices } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { exportFailureMessage, reportedStatus } from './register-export-jobs';
import { exportJobs, signDownloadUrl } from './register-exports-access';
import { registerPathLabels } from './register-field-labels';

const logger = createLogger('get-register-export');
const { access, facilities } = createDirectoryServices();
const pathSchema = z.object({ exportId: z.string().uuid() });

/**
 * GET /register/exports/{exportId}: status and progress of an export (entries written of the
 * total), a fresh download URL valid for 5 minutes once done, and `message` once failed.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:export');
  const { exportId } = parseInput(pathSchema, event.pathParameters ?? {}, registerPathLabels);
  logger.appendKeys({ exportId });

  const job = await exportJobs.get(caller.tenantId, exportId);
  const notFound = { ja: 'エクスポートが見つかりません（期限切れの可能性があります）', en: 'export not found: it may have expired', field: 'exportId' };
  if (!job) throw new NotFoundError(`${notFound.ja} / ${notFound.en}`, notFound.field);
  // An export of a facility outside the caller's offices is answered like a missing one.
  requireInOffices(caller, await facilities.getFacility(caller.tenantId, job.facilityId), notFound);
  const status = reportedStatus(job, new Date());
  return {
    body: {
      exportId,
      facilityId: job.facilityId,
      from: job.from,
      to: job.to,
      format: job.format,
      disclosure: job.disclosure,
      status,
      totalEntries: job.totalEntries,
      processedEntries: job.processedEntries,
      rowCount: job.rowCount,
      pageCount: job.pageCount,
      message: status === 'failed' ? (job.failureMessage ?? exportFailureMessage) : undefined,
      downloadUrl: status === 'done' && job.objectKey ? await signDownloadUrl(job.objectKey) : undefined,
    },
  };
});
