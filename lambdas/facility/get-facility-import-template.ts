import { createApiHandler } from '../http/api-handler';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { importColumns, importTemplateCsv } from './facility-csv';

const logger = createLogger('get-facility-import-template');
const { access } = createDirectoryServices();

/** GET /facility-imports/template: the CSV template with Japanese headers, and what each column takes. */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'facility:write');

  return {
    body: {
      fileName: 'facilities-template.csv',
      contentType: 'text/csv; charset=utf-8',
      csv: importTemplateCsv(),
      columns: importColumns.map((column) => ({ header: column.header, field: column.field })),
    },
  };
});
