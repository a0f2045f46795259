import { s3Client } from '../aws/s3';
import { createApiHandler } from '../http/api-handler';
import { createDirectoryServices } from '../organisation/directory-services';
import { allows, requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { auditLog, registerRepository, tenantDataKeys } from './register-access';
import { parseRegisterExportRequest, registerExportBodySchema } from './register-export-request';
import { exportJobs, exportsBucket, signDownloadUrl } from './register-exports-access';
import { exportRegisterPdf } from './register-pdf-export';
import { loadRegisterPdfFont } from './register-pdf-font';

const env = readEnvironment(['IMAGES_BUCKET']);
const logger = createLogger('create-register-pdf-export');
const { access, facilities } = createDirectoryServices();

const bodySchema = registerExportBodySchema.strict();

/**
 * POST /register/pdf-exports with `{ exportId, facilityId, from, to }`: writes the 宿泊者名簿 of
 * one facility for arrival dates `[from, to]` as a printable PDF with passport copies and returns
 * a download URL valid for 5 minutes. Callers need `register:export`. Those without
 * `register:read-pii` get masked names, addresses and passport numbers and no images. Progress is
 * polled at GET /register/exports/{exportId}, as for the CSV export.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:export');
  const { body, facility } = await parseRegisterExportRequest(event, caller, bodySchema, { facilities, jobs: exportJobs });
  logger.appendKeys({ facilityId: body.facilityId, exportId: body.exportId });
  const disclosure = allows(caller.role, 'register:read-pii', caller.grants) ? 'full' : 'masked';

  const result = await exportRegisterPdf(
    {
      register: registerRepository,
      dataKeys: tenantDataKeys,
      audit: auditLog,
      jobs: exportJobs,
      s3: s3Client,
      bucket: exportsBucket,
      images: { s3: s3Client, bucket: env.IMAGES_BUCKET },
      font: loadRegisterPdfFont(),
    },
    {
      ...body,
      tenantId: caller.tenantId,
      userId: caller.userId,
      requestId: event.requestContext?.requestId,
      disclosure,
      facility: { name: facility.name, licenceNumber: facility.licenceNumber },
    },
  );
  if (result.unreadableImages > 0) {
    logger.warn('Passport images missing or unreadable in the PDF export', { unreadableImages: result.unreadableImages });
  }
  logger.info('Register PDF export written', { entryCount: result.entryCount, pageCount: result.pageCount, disclosure });
  return {
    statusCode: 201,
    body: {
      exportId: body.exportId,
      status: 'done',
      disclosure,
      entryCount: result.entryCount,
      rowCount: result.rowCount,
      pageCount: result.pageCount,
      downloadUrl: await signDownloadUrl(result.objectKey),
    },
  };
});
