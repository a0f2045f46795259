import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { InvalidRequestError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { fieldLabel, fieldMessage, requestBodyLabel, type FieldLabel, type FieldLabels } from '../http/validation-messages';
import { createLogger } from '../runtime/logger';
import { createAdminAuditLog, createDirectoryServices } from './directory-services';
import { isAllowedSource, maxAllowlistEntries, normaliseCidr } from './ip-allowlist';
import { requirePermission } from './permissions';

const logger = createLogger('update-ip-allowlist');
const { access, tenants } = createDirectoryServices();
const audit = createAdminAuditLog();

const bodySchema = z
  .object({
    ipAllowlist: z
      .array(z.string().max(64), { required_error: '必須です（空の一覧で制限なし） / required: an empty list allows every network' })
      .max(maxAllowlistEntries),
  })
  .strict();

const allowlistLabel: FieldLabel = { ja: 'IP 許可リスト', en: 'IP allowlist' };
const bodyLabels: FieldLabels = { body: requestBodyLabel, ipAllowlist: allowlistLabel };

/**
 * PUT /tenant/ip-allowlist with `{ ipAllowlist: ["203.0.113.0/24", …] }`: the owner restricts
 * admin access to office networks; an empty list lifts the restriction. A list that would lock
 * out the request's own address is rejected, so the owner cannot lock themselves out.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'user:manage');
  const { ipAllowlist } = parseInput(bodySchema, parseJsonBody(event.body, event.isBase64Encoded), bodyLabels);

  const normalised: string[] = [];
  for (const [index, entry] of ipAllowlist.entries()) {
    const cidr = normaliseCidr(entry);
    if (!cidr) {
      throw new InvalidRequestError(
        fieldMessage(fieldLabel(`ipAllowlist.${index}`, bodyLabels), {
          ja: 'IP アドレスか CIDR（例: 203.0.113.0/24）で入力してください',
          en: 'must be an IP address or CIDR such as 203.0.113.0/24',
        }),
        `ipAllowlist.${index}`,
      );
    }
    if (!normalised.includes(cidr)) normalised.push(cidr);
  }
  const sourceIp = event.requestContext?.http?.sourceIp;
  if (!isAllowedSource(sourceIp, normalised)) {
    throw new InvalidRequestError(
      fieldMessage(allowlistLabel, {
        ja: `この一覧では今お使いのネットワーク（${sourceIp ?? '不明'}）から利用できなくなります。事務所のネットワークを含めてください`,
        en: `would lock out your current address ${sourceIp ?? 'unknown'}: include your office network`,
      }),
      'ipAllowlist',
    );
  }

  await tenants.setIpAllowlist(operator.tenantId, normalised, () => [
    audit.entry({
      tenantId: operator.tenantId,
      userId: operator.userId,
      action: 'tenant.ip-allowlist',
      targetType: 'tenant',
      targetIds: [operator.tenantId],
      changedFields: ['ipAllowlist'],
      requestId: event.requestContext?.requestId,
    }),
  ]);
  logger.info('IP allowlist updated', { entryCount: normalised.length });

  return { body: { ipAllowlist: normalised } };
});
