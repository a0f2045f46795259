import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { InvalidRequestError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { fieldLabel, fieldMessage, requestBodyLabel, type FieldError, type FieldLabel, type FieldLabels, type Reason } from '../http/validation-messages';
import { createLogger } from '../runtime/logger';
import { createAdminAuditLog, createDirectoryServices } from './directory-services';
import { isAllowedSource, maxAllowlistEntries, normaliseCidr } from './ip-allowlist';
import { requirePermission } from './permissions';

const logger = createLogger('update-ip-allowlist');
const { access, tenants } = createDirectoryServices();
const audit = createAdminAuditLog();

/** Maximum lines the form may send, blank ones included. At most `maxAllowlistEntries` of them may hold a network. */
const maxAllowlistLines = 4 * maxAllowlistEntries;
const maxEntryLength = 64;

const bodySchema = z
  .object({
    ipAllowlist: z
      .array(z.string(), { required_error: '必須です（空の一覧で制限なし） / required: an empty list allows every network' })
      .max(maxAllowlistLines),
  })
  .strict();

const allowlistLabel: FieldLabel = { ja: 'IP 許可リスト', en: 'IP allowlist' };
const bodyLabels: FieldLabels = {
  body: requestBodyLabel,
  ipAllowlist: allowlistLabel,
  'ipAllowlist.*': { ja: 'IP 許可リストの {n} 行目', en: 'IP allowlist line {n}' },
};

/**
 * PUT /tenant/ip-allowlist with `{ ipAllowlist: ["203.0.113.0/24", …] }`, one item per line of the
 * settings form: the owner restricts admin access to office networks, and an empty list lifts the
 * restriction. Blank lines are skipped. Every invalid line is reported by its line number, and
 * nothing is stored then. A list that would lock out the request's own address is rejected, so
 * the owner cannot lock themselves out.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  requirePermission(operator, 'user:manage');
  const { ipAllowlist } = parseInput(bodySchema, parseJsonBody(event.body, event.isBase64Encoded), bodyLabels);

  const normalised: string[] = [];
  const errors: FieldError[] = [];
  for (const [index, line] of ipAllowlist.entries()) {
    const entry = line.trim();
    if (entry === '') continue;
    const cidr = entry.length > maxEntryLength ? undefined : normaliseCidr(entry);
    if (!cidr) {
      const field = `ipAllowlist.${index}`;
      errors.push({ field, message: fieldMessage(fieldLabel(field, bodyLabels), invalidEntryReason(entry)) });
      continue;
    }
    if (!normalised.includes(cidr)) normalised.push(cidr);
  }
  if (errors.length > 0) {
    logger.warn('IP allowlist rejected', { invalidLineCount: errors.length });
    throw new InvalidRequestError(errors[0].message, errors[0].field, errors);
  }
  if (normalised.length > maxAllowlistEntries) {
    throw new InvalidRequestError(
      fieldMessage(allowlistLabel, { ja: `${maxAllowlistEntries} 件以内にしてください`, en: `must list at most ${maxAllowlistEntries} networks` }),
      'ipAllowlist',
    );
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

/** Returns the reason a non-blank line is not an address or CIDR. */
function invalidEntryReason(entry: string): Reason {
  if (entry.length > maxEntryLength) {
    return { ja: `${maxEntryLength} 文字以内で入力してください`, en: `must be at most ${maxEntryLength} characters` };
  }
  return { ja: 'IP アドレスか CIDR（例: 203.0.113.0/24）で入力してください', en: 'must be an IP address or CIDR such as 203.0.113.0/24' };
}
