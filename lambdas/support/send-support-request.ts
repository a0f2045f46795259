import { randomBytes } from 'node:crypto';
import { sesClient } from '../aws/ses';
import { createApiHandler } from '../http/api-handler';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { createDirectoryServices } from '../organisation/directory-services';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { sendSupportRequest, supportFieldLabels, supportRequestSchema } from './support-request';

const env = readEnvironment(['MAIL_FROM', 'SUPPORT_ADDRESS']);
const logger = createLogger('send-support-request');
const { access, tenants } = createDirectoryServices();

/** Returns a reference such as `SR-20261205-3F9A2C`, which the requester and support quote. */
function newReference(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `SR-${day}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/**
 * POST /support/requests: mails OPEN SESAME! support a signed-in head-office user's question,
 * problem report, or request about billing, a quote, a plan change or cancellation, and mails
 * the user a receipt. Subject and message are never logged.
 */
export const handler = createApiHandler(logger, async (event) => {
  const operator = await access.resolve(event);
  logger.appendKeys({ tenantId: operator.tenantId });
  const request = parseInput(supportRequestSchema, parseJsonBody(event.body, event.isBase64Encoded), supportFieldLabels);

  const tenant = await tenants.getTenant(operator.tenantId);
  const reference = newReference(new Date());
  await sendSupportRequest(sesClient, {
    from: env.MAIL_FROM,
    supportAddress: env.SUPPORT_ADDRESS,
    reference,
    requester: {
      tenantId: operator.tenantId,
      tenantName: tenant?.name ?? operator.tenantId,
      userId: operator.userId,
      email: operator.email,
      displayName: operator.displayName,
      role: operator.role,
    },
    request,
  });
  logger.info('Support request sent', { reference, category: request.category });

  return { statusCode: 202, body: { reference } };
});
