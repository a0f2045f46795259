import { randomUUID } from 'node:crypto';
import { createApiHandler } from '../http/api-handler';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { createLogger } from '../runtime/logger';
import { createAdminAuditLog, createDirectoryServices } from './directory-services';
import { officeBodySchema, officeFieldLabels, officeView } from './office-input';
import { requirePermission } from './permissions';

const logger = createLogger('create-office');
const { access, offices } = createDirectoryServices();
const audit = createAdminAuditLog();

/** POST /offices: the owner adds an office (拠点). */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'user:manage');
  const { name } = parseInput(officeBodySchema, parseJsonBody(event.body, event.isBase64Encoded), officeFieldLabels);

  const office = await offices.createOffice({ tenantId: operator.tenantId, officeId: randomUUID(), name }, (created) => [
    audit.entry({
      tenantId: operator.tenantId,
      userId: operator.userId,
      action: 'office.create',
      targetType: 'office',
      targetIds: [created.officeId],
      changedFields: ['name'],
      requestId: event.requestContext?.requestId,
    }),
  ]);
  logger.info('Office created', { officeId: office.officeId });

  return { statusCode: 201, body: { office: officeView(office) } };
});
