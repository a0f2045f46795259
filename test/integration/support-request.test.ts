import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { emulatorStartTimeoutMs, startHandlerEmulators, type HandlerEmulators } from './support/handler-emulators';

/**
 * A head-office user's support request reaches the support address by mail, with the user's
 * address to reply to, and the user gets a receipt. The message, which may quote guest data, is
 * in no log line and not in the receipt.
 */

const tenantId = 'tenant-support';
const ownerId = 'owner-support';
/** The support address that the handler emulators set as `SUPPORT_ADDRESS`. */
const supportAddress = 'support@open-sesame.invalid';
/** Invented guest data that an operator might quote; no real person. */
const quotedGuest = '架空 問合太郎 旅券 TZ9876543';

type Handler = (event: ReturnType<typeof apiEvent>) => Promise<APIGatewayProxyStructuredResultV2>;
interface StoredMail {
  subject: string;
  destination: { to: string[] };
  replyTo?: string[];
  body: { text: string };
}

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('support requests', () => {
  let emulators: HandlerEmulators;
  let send: Handler;

  async function mailsTo(address: string): Promise<StoredMail[]> {
    const store = (await (await fetch(`${emulators.sesEndpoint}/store`)).json()) as { emails: StoredMail[] };
    return store.emails.filter((mail) => mail.destination.to.includes(address));
  }

  function request(body: unknown): ReturnType<typeof apiEvent> {
    return apiEvent({ claims: operatorClaims(tenantId, ownerId, 'owner'), body });
  }

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '架空サポート民泊株式会社', contactEmail: 'contact@support-tenant.invalid' });
    await tenants.putOperatorUser({ tenantId, userId: ownerId, email: 'owner@support-tenant.invalid', displayName: '架空 依頼花子', role: 'owner' });
    send = (require('../../lambdas/support/send-support-request') as { handler: Handler }).handler;
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    await emulators?.stop();
  });

  test('mails support and a receipt', async () => {
    const output = captureOutput();
    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = await send(request({ category: 'billing', subject: '見積のお願い', message: `10 施設分の見積をお願いします。\n例: ${quotedGuest}` }));
    } finally {
      output.restore();
    }

    expect(result.statusCode).toBe(202);
    const { reference } = json(result);
    expect(reference).toMatch(/^SR-\d{8}-[0-9A-F]{6}$/);
    const [toSupport] = (await mailsTo(supportAddress)).filter((mail) => mail.subject.includes(reference));
    expect(toSupport.subject).toContain('請求・見積');
    expect(toSupport.subject).toContain('見積のお願い');
    expect(toSupport.replyTo).toEqual(['owner@support-tenant.invalid']);
    expect(toSupport.body.text).toContain('架空サポート民泊株式会社 (tenant-support)');
    expect(toSupport.body.text).toContain('架空 依頼花子 <owner@support-tenant.invalid>');
    expect(toSupport.body.text).toContain(quotedGuest);
    const [receipt] = (await mailsTo('owner@support-tenant.invalid')).filter((mail) => mail.subject.includes(reference));
    expect(receipt.body.text).toContain(reference);
    expect(receipt.body.text).not.toContain(quotedGuest);
    expect(output.text()).toContain(reference);
    expect(output.text()).not.toContain('架空 問合太郎');
    expect(output.text()).not.toContain('TZ9876543');
  });

  test.each([
    ['missing subject', { category: 'question', message: '質問です' }, 'subject'],
    ['blank message', { category: 'question', subject: '質問', message: '   ' }, 'message'],
    ['message too long', { category: 'question', subject: '質問', message: 'あ'.repeat(5001) }, 'message'],
    ['control character', { category: 'question', subject: '質問\u0007', message: '質問です' }, 'subject'],
    ['unknown category', { category: 'refund', subject: '質問', message: '質問です' }, 'category'],
    ['unknown field', { category: 'question', subject: '質問', message: '質問です', tenantId: 'other' }, 'body'],
  ])('rejects %s', async (_case, body, field) => {
    const before = (await mailsTo(supportAddress)).length;

    const result = await send(request(body));

    expect(result.statusCode).toBe(400);
    const { error } = json(result);
    const fields = (error.fields ?? [{ field: error.field }]).map((fieldError: { field: string }) => fieldError.field);
    expect(fields).toContain(field);
    expect(await mailsTo(supportAddress)).toHaveLength(before);
  });
});
