import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { InvalidRequestError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { fieldMessage, requestBodyLabel, type FieldLabel, type FieldLabels } from '../http/validation-messages';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { decodeImportFile, ImportFileError, maxImportBytes, parseImportCsv } from './facility-csv';
import { facilityFieldLabels } from './facility-input';
import { planImport } from './facility-import';

const logger = createLogger('preview-facility-import');
const { access, facilities, offices } = createDirectoryServices();

const maxImportMegabytes = maxImportBytes / 1024 / 1024;

const bodySchema = z
  .object({
    fileBase64: z
      .string({ required_error: 'ファイルを選んでください / choose a file' })
      .min(1, 'ファイルを選んでください / choose a file')
      .max(Math.ceil((maxImportBytes * 4) / 3) + 4, `${maxImportMegabytes} MB までです / must be at most ${maxImportMegabytes} MB`),
  })
  .strict();

const fileLabel: FieldLabel = { ja: '施設 CSV ファイル', en: 'facility CSV file' };
const bodyLabels: FieldLabels = { body: requestBodyLabel, fileBase64: fileLabel };

/**
 * POST /facility-imports/preview with `{ fileBase64 }`: reads a facility CSV (UTF-8 with or
 * without BOM, or Shift_JIS) and returns, per row, what importing it would do, the fields an
 * update changes, and every field error in Japanese and English. Nothing is written. The client
 * sends the valid rows to POST /facility-imports once the operator confirms.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:write');
  const { fileBase64 } = parseInput(bodySchema, parseJsonBody(event.body, event.isBase64Encoded), bodyLabels);

  const { text, encoding } = decodeImportFile(Buffer.from(fileBase64, 'base64'));
  const officeList = await offices.listOffices(operator.tenantId);
  let rows;
  try {
    rows = parseImportCsv(text, new Map(officeList.map((office) => [office.name, office.officeId])));
  } catch (error) {
    if (error instanceof ImportFileError) throw new InvalidRequestError(fieldMessage(fileLabel, error.reason), 'fileBase64');
    throw error;
  }
  const plan = planImport(operator, rows, {
    facilities: await facilities.listFacilities(operator.tenantId),
    officeIds: new Set(officeList.map((office) => office.officeId)),
  });
  const namesByRow = new Map(rows.map((row) => [row.rowNumber, row.name]));
  const counts = { create: 0, update: 0, unchanged: 0, invalid: 0 };
  for (const row of plan) counts[row.action] += 1;
  logger.info('Import previewed', { encoding, rowCount: plan.length, ...counts });

  return {
    body: {
      encoding,
      counts,
      rows: plan.map((row) => ({
        rowNumber: row.rowNumber,
        action: row.action,
        // An invalid row has no validated input, so it shows the 施設名 cell as written.
        name: row.input?.name ?? namesByRow.get(row.rowNumber) ?? null,
        licenceNumber: row.input?.licenceNumber ?? null,
        facilityId: row.existing?.facilityId ?? null,
        input: row.input ?? null,
        // Each field with its label as `日本語 / English`, the form the error messages use.
        changedFields: (row.changedFields ?? []).map((field) => ({ field, label: `${facilityFieldLabels[field].ja} / ${facilityFieldLabels[field].en}` })),
        errors: row.errors,
      })),
    },
  };
});
