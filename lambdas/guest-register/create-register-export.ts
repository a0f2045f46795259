import { z } from 'zod';
import { s3Client } from '../aws/s3';
import { createApiHandler } from '../http/api-handler';
import { ConflictError, InvalidRequestError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { requireInOffices } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { dayNumberOf, isJapanDate } from '../reports/japan-time';
import { createLogger } from '../runtime/logger';
import { auditLog, registerRepository, tenantDataKeys } from './register-access';
import { exportRegisterCsv } from './register-export';
import { exportJobs, exportsBucket, signDownloadUrl } from './register-exports-access';

const logger = createLogger('create-register-export');
const { access, facilities } = createDirectoryServices();

/** Maximum period of one export: three years, as long as the law keeps entries. */
export const maxExportDays = 3 * 366;

const isoDate = z.string().refine(isJapanDate, 'YYYY-MM-DD, a real calendar date');
const bodySchema = z
  .object({
    exportId: z.string().uuid(),
    facilityId: z.string().trim().min(1).max(64),
    from: isoDate,
    to: isoDate,
    format: z.literal('csv'),
  })
  .strict();

/**
 * POST /register/exports with `{ exportId, facilityId, from, to, format: 'csv' }`: writes the
 * 宿泊者名簿 of one facility for arrival dates `[from, to]` to a CSV file and returns a download
 * URL valid for 5 minutes. The client picks `exportId` (a UUID), so it can poll
 * GET /register/exports/{exportId} for progress while this request runs.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:export');
  const body = parseInput(bodySchema, parseJsonBody(event.body, event.isBase64Encoded));
  logger.appendKeys({ facilityId: body.facilityId, exportId: body.exportId });
  if (body.from > body.to) {
    throw new InvalidRequestError('from は to 以前の日付にしてください / from must not be after to', 'from');
  }
  if (dayNumberOf(body.to) - dayNumberOf(body.from) >= maxExportDays) {
    throw new InvalidRequestError('期間は最大3年です / from and to may span at most 3 years', 'to');
  }
  requireInOffices(caller, await facilities.getFacility(caller.tenantId, body.facilityId), {
    ja: '施設が見つかりません',
    en: 'facility not found',
    field: 'facilityId',
  });
  if (await exportJobs.get(caller.tenantId, body.exportId)) {
    throw new ConflictError('この exportId は使用済みです / exportId is already used: generate a new UUID', 'exportId');
  }

  const result = await exportRegisterCsv(
    { register: registerRepository, dataKeys: tenantDataKeys, audit: auditLog, jobs: exportJobs, s3: s3Client, bucket: exportsBucket },
    { ...body, tenantId: caller.tenantId, userId: caller.userId, requestId: event.requestContext?.requestId },
  );
  logger.info('Register export written', { entryCount: result.entryCount, rowCount: result.rowCount });
  return {
    statusCode: 201,
    body: {
      exportId: body.exportId,
      status: 'done',
      entryCount: result.entryCount,
      rowCount: result.rowCount,
      downloadUrl: await signDownloadUrl(result.objectKey),
    },
  };
});
