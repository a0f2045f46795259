import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { RegisterExportJobs } from './register-export-jobs';
import { parseRegisterExportRequest, queueRegisterExport, registerExportBodySchema } from './register-export-request';

const env = readEnvironment(['REGISTER_TABLE']);
const logger = createLogger('create-register-export');
const { access, facilities } = createDirectoryServices();
const exportJobs = new RegisterExportJobs(documentClient, env.REGISTER_TABLE);

const bodySchema = registerExportBodySchema.extend({ format: z.literal('csv') }).strict();

/**
 * POST /register/exports with `{ exportId, facilityId, from, to, format: 'csv' }`: queues the
 * export of the 宿泊者名簿 of one facility for arrival dates `[from, to]` as CSV and returns 202.
 * Callers need `register:export`; those without `register:read-pii` get masked names and passport
 * numbers and hidden addresses, occupations and contacts, as in the PDF export. The job stores
 * that decision, and the export worker (run-register-export.ts) writes the file. The client picks
 * `exportId` (a UUID) and polls GET /register/exports/{exportId} for progress and the download URL.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:export');
  const request = await parseRegisterExportRequest(event, caller, bodySchema, { facilities, jobs: exportJobs });
  const { exportId, facilityId } = request.body;
  logger.appendKeys({ facilityId, exportId });

  const disclosure = await queueRegisterExport(exportJobs, event, caller, request, 'csv');
  logger.info('Register export queued', { format: 'csv', disclosure });
  return { statusCode: 202, body: { exportId, status: 'queued', disclosure } };
});
