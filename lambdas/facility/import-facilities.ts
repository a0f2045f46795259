import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { requestBodyLabel, type FieldLabels } from '../http/validation-messages';
import { createAdminAuditLog, createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { validateFacilityInput } from './facility-input';
import { applyImport, planImport } from './facility-import';

const logger = createLogger('import-facilities');
const { access, facilities, offices } = createDirectoryServices();
const audit = createAdminAuditLog();

/** Rows one request may carry; admin-web sends 100 at a time to show progress. */
export const maxRowsPerRequest = 1000;

const bodySchema = z
  .object({
    rows: z
      .array(z.object({ rowNumber: z.number().int().min(2), input: z.unknown() }).strict())
      .min(1, '1 行以上必要です / must hold at least one row')
      .max(maxRowsPerRequest, `一度に送れるのは ${maxRowsPerRequest} 行までです / must hold at most ${maxRowsPerRequest} rows per request`),
  })
  .strict();

const bodyLabels: FieldLabels = {
  body: requestBodyLabel,
  rows: { ja: '取り込む行', en: 'rows to import' },
};

/**
 * POST /facility-imports with `{ rows: [{ rowNumber, input }] }`, the valid rows of a preview:
 * validates each row again, creates new facilities and updates those with the same licence
 * number, and leaves unchanged ones alone. Returns the result of every row.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:write');
  const { rows } = parseInput(bodySchema, parseJsonBody(event.body, event.isBase64Encoded), bodyLabels);

  const validated = rows.map((row) => {
    const result = validateFacilityInput(row.input);
    return result.ok ? { rowNumber: row.rowNumber, input: result.value, errors: [] } : { rowNumber: row.rowNumber, errors: result.errors };
  });
  const [stored, officeList] = await Promise.all([facilities.listFacilities(operator.tenantId), offices.listOffices(operator.tenantId)]);
  const plan = planImport(operator, validated, { facilities: stored, officeIds: new Set(officeList.map((office) => office.officeId)) });
  const results = await applyImport(facilities, operator.tenantId, plan, (facility) => [
    audit.entry({
      tenantId: operator.tenantId,
      userId: operator.userId,
      action: 'facility.import',
      targetType: 'facility',
      targetIds: [facility.facilityId],
      changedFields: [],
      requestId: event.requestContext?.requestId,
    }),
  ]);

  const counts = { create: 0, update: 0, unchanged: 0, invalid: 0 };
  for (const row of results) counts[row.action] += 1;
  logger.info('Facilities imported', counts);

  return { body: { counts, rows: results } };
});
