import { z } from 'zod';
import { s3Client } from '../aws/s3';
import { createApiHandler } from '../http/api-handler';
import { createDirectoryServices } from '../organisation/directory-services';
import { allows, requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { auditLog, registerRepository, tenantDataKeys } from './register-access';
import { exportRegisterCsv } from './register-csv';
import { parseRegisterExportRequest, registerExportBodySchema } from './register-export-request';
import { exportJobs, exportsBucket, signDownloadUrl } from './register-exports-access';

const logger = createLogger('create-register-export');
const { access, facilities } = createDirectoryServices();

const bodySchema = registerExportBodySchema.extend({ format: z.literal('csv') }).strict();

/**
 * POST /register/exports with `{ exportId, facilityId, from, to, format: 'csv' }`: writes the
 * 宿泊者名簿 of one facility for arrival dates `[from, to]` to a CSV file and returns a download
 * URL valid for 5 minutes. Callers need `register:export`; those without `register:read-pii` get
 * masked names and passport numbers and hidden addresses, occupations and contacts, as in the PDF
 * export. The client picks `exportId` (a UUID), so it can poll GET /register/exports/{exportId}
 * for progress while this request runs.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:export');
  const { body } = await parseRegisterExportRequest(event, caller, bodySchema, { facilities, jobs: exportJobs });
  logger.appendKeys({ facilityId: body.facilityId, exportId: body.exportId });
  const disclosure = allows(caller.role, 'register:read-pii', caller.grants) ? 'full' : 'masked';

  const result = await exportRegisterCsv(
    { register: registerRepository, dataKeys: tenantDataKeys, audit: auditLog, jobs: exportJobs, s3: s3Client, bucket: exportsBucket },
    { exportId: body.exportId, facilityId: body.facilityId, from: body.from, to: body.to, tenantId: caller.tenantId, userId: caller.userId, requestId: event.requestContext?.requestId, disclosure },
  );
  logger.info('Register export written', { entryCount: result.entryCount, rowCount: result.rowCount, disclosure });
  return {
    statusCode: 201,
    body: {
      exportId: body.exportId,
      status: 'done',
      disclosure,
      entryCount: result.entryCount,
      rowCount: result.rowCount,
      downloadUrl: await signDownloadUrl(result.objectKey),
    },
  };
});
