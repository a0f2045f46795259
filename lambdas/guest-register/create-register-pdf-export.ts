import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { RegisterExportJobs } from './register-export-jobs';
import { parseRegisterExportRequest, queueRegisterExport, registerExportBodySchema } from './register-export-request';

const env = readEnvironment(['REGISTER_TABLE']);
const logger = createLogger('create-register-pdf-export');
const { access, facilities } = createDirectoryServices();
const exportJobs = new RegisterExportJobs(documentClient, env.REGISTER_TABLE);

const bodySchema = registerExportBodySchema.strict();

/**
 * POST /register/pdf-exports with `{ exportId, facilityId, from, to }`: queues the export of the
 * 宿泊者名簿 of one facility for arrival dates `[from, to]` as a printable PDF with passport copies
 * and returns 202. Callers need `register:export`. Those without `register:read-pii` get masked
 * names, addresses and passport numbers and no images; the job stores that decision, so the
 * worker (run-register-export.ts) applies the permissions of the request. Progress and the
 * download URL are polled at GET /register/exports/{exportId}, as for the CSV export.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:export');
  const request = await parseRegisterExportRequest(event, caller, bodySchema, { facilities, jobs: exportJobs });
  const { exportId, facilityId } = request.body;
  logger.appendKeys({ facilityId, exportId });

  const disclosure = await queueRegisterExport(exportJobs, event, caller, request, 'pdf');
  logger.info('Register PDF export queued', { format: 'pdf', disclosure });
  return { statusCode: 202, body: { exportId, status: 'queued', disclosure } };
});
