import { createApiHandler } from '../http/api-handler';
import { NotFoundError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { createLogger } from '../runtime/logger';
import { createAdminAuditLog, createDirectoryServices } from './directory-services';
import { officeBodySchema, officeFieldLabels, officePathLabels, officePathSchema, officeView } from './office-input';
import { requirePermission } from './permissions';

const logger = createLogger('rename-office');
const { access, offices } = createDirectoryServices();
const audit = createAdminAuditLog();

/** PUT /offices/{officeId}: the owner renames an office. */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'user:manage');
  const { officeId } = parseInput(officePathSchema, event.pathParameters ?? {}, officePathLabels);
  logger.appendKeys({ officeId });
  const { name } = parseInput(officeBodySchema, parseJsonBody(event.body, event.isBase64Encoded), officeFieldLabels);

  const current = await offices.getOffice(operator.tenantId, officeId);
  if (!current) throw new NotFoundError('拠点が見つかりません / office not found', 'officeId');
  const renamed = await offices.renameOffice(current, name, () => [
    audit.entry({
      tenantId: operator.tenantId,
      userId: operator.userId,
      action: 'office.rename',
      targetType: 'office',
      targetIds: [officeId],
      changedFields: ['name'],
      requestId: event.requestContext?.requestId,
    }),
  ]);

  return { body: { office: officeView(renamed) } };
});
