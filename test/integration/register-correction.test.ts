import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { inventedGuestStrings, inventedResident, inventedVisitor, storeRegisterEntry } from './support/register-fixtures';

type Handlers = {
  correct: typeof import('../../lambdas/guest-register/correct-register-entry').handler;
  getEntry: typeof import('../../lambdas/guest-register/get-register-entry').handler;
};

const tenantId = 'tenant-correction';
const facilityId = 'facility-correction';
const owner = operatorClaims(tenantId, 'owner-correction', 'owner');
/** An invented corrected address: no real place. */
const correctedAddress = '架空県架空市訂正町9-9-9';

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('register corrections', () => {
  let emulators: HandlerEmulators;
  let handlers: Handlers;
  let output: ReturnType<typeof captureOutput>;
  let entryId: string;
  let decryptAddress: (ciphertext: string) => Promise<string>;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    output = captureOutput();

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { kmsClient } = require('../../lambdas/aws/kms') as typeof import('../../lambdas/aws/kms');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { RegisterRepository } = require('../../lambdas/guest-register/register-repository') as typeof import('../../lambdas/guest-register/register-repository');
    const { TenantDataKeys } = require('../../lambdas/guest-pii/tenant-data-keys') as typeof import('../../lambdas/guest-pii/tenant-data-keys');
    const { TenantKeys } = require('../../lambdas/guest-pii/tenant-keys') as typeof import('../../lambdas/guest-pii/tenant-keys');
    const { guestFieldName } = require('../../lambdas/guest-pii/tenant-envelope') as typeof import('../../lambdas/guest-pii/tenant-envelope');

    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '訂正検証株式会社', contactEmail: 'correction@example.invalid' });
    await tenants.putOperatorUser({ tenantId, userId: 'owner-correction', email: 'owner-correction@example.invalid', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-correction', email: 'staff-correction@example.invalid', role: 'staff' });
    await new FacilityRepository(documentClient, 'Directory').createFacility({
      tenantId,
      facilityId,
      name: '訂正ハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M130000030',
      address: '架空県架空市4-4',
    } as never);
    const dataKeys = new TenantDataKeys({ kms: kmsClient, documentClient, registerTable: 'Register', tenantKeys: new TenantKeys(kmsClient, { stage: 'test', aliasPrefix: process.env.TENANT_KEY_ALIAS_PREFIX! }) });
    const entry = await storeRegisterEntry(
      { register: new RegisterRepository(documentClient, 'Register'), dataKeys },
      {
        tenantId,
        facilityId,
        arrivalDate: '2026-06-20',
        departureDate: '2026-06-24',
        acceptedAt: '2026-06-20T17:00:00+09:00',
        guests: [inventedResident, inventedVisitor],
      },
    );
    entryId = entry.entryId;
    decryptAddress = async (ciphertext) =>
      (await dataKeys.envelopeForRead(tenantId, entry.keyPeriod)).decryptField(entryId, guestFieldName('g1', 'address'), ciphertext);

    handlers = {
      correct: (require('../../lambdas/guest-register/correct-register-entry') as typeof import('../../lambdas/guest-register/correct-register-entry')).handler,
      getEntry: (require('../../lambdas/guest-register/get-register-entry') as typeof import('../../lambdas/guest-register/get-register-entry')).handler,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    await emulators?.stop();
  });

  const correctEvent = (body: unknown, claims = owner) => apiEvent({ claims, pathParameters: { entryId }, body });

  test('corrects address and check-out', async () => {
    const result = await handlers.correct(
      correctEvent({
        revision: 0,
        reason: '宿泊者から住所の誤りの申告があったため',
        checkedOutAt: '2026-06-24T13:30:00+09:00',
        guests: [{ guestId: 'g1', address: correctedAddress }],
      }),
    );

    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ entryId, revision: 1, changedFields: ['guests/g1/address', 'checkedOutAt'] });
    const read = json(await handlers.getEntry(apiEvent({ claims: owner, pathParameters: { entryId } })));
    expect(read.revision).toBe(1);
    expect(read.checkedOutAt).toBe('2026-06-24T04:30:00.000Z');
    expect(read.guests[0].address).toBe(correctedAddress);
    expect(read.guests[1].name).toBe(inventedVisitor.name);
  });

  test('audit trail keeps the original encrypted', async () => {
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const audit = await documentClient.send(
      new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
    );
    const corrections = (audit.Items ?? []).filter((item) => item.action === 'correct');

    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ userId: 'owner-correction', entryIds: [entryId], correction: { fromRevision: 0, reason: '宿泊者から住所の誤りの申告があったため' } });
    expect(corrections[0].correction.original.checkedOutAt).toBeNull();
    const originalAddress = corrections[0].correction.original['guests/g1/address'] as string;
    expect(JSON.stringify(corrections[0])).not.toContain(inventedResident.address);
    await expect(decryptAddress(originalAddress)).resolves.toBe(inventedResident.address);
  });

  test('stale revision is a conflict', async () => {
    const result = await handlers.correct(correctEvent({ revision: 0, reason: '再修正', guests: [{ guestId: 'g1', occupation: '自営業' }] }));

    expect(result.statusCode).toBe(409);
    expect(json(result).error.field).toBe('revision');
  });

  test.each([
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g9', name: 'x' }] }, 'guests.0.guestId'],
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g1', hasAddressInJapan: false }] }, 'guests.0.nationality'],
    [{ revision: 1, reason: '理由', checkedInAt: '2026-06-24T14:00:00+09:00' }, 'checkedOutAt'],
    [{ revision: 1, reason: '理由', checkedInAt: '2026-06-25T10:00:00+09:00' }, 'checkedInAt'],
    [{ revision: 1, reason: '理由', checkedInAt: '2026-06-19T22:00:00+09:00' }, 'checkedInAt'],
    [{ revision: 1, reason: '理由', checkedInAt: '1999-01-01T00:00:00Z' }, 'checkedInAt'],
    [{ revision: 1, reason: '理由', checkedOutAt: '2026-06-19T10:00:00+09:00' }, 'checkedOutAt'],
    [{ revision: 1, reason: '理由', checkedOutAt: '2026-06-20T15:00:00+09:00', checkedInAt: '2026-06-20T16:00:00+09:00' }, 'checkedOutAt'],
    [{ revision: 1, reason: '理由', checkedOutAt: '2026-06-27T00:00:00+09:00' }, 'checkedOutAt'],
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g2', nationality: 'ZZ' }] }, 'guests.0.nationality'],
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g1', name: '架'.repeat(101) }] }, 'guests.0.name'],
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g1', address: '架'.repeat(201) }] }, 'guests.0.address'],
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g1', address: '架空県\u202E架空市' }] }, 'guests.0.address'],
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g1', name: '架空\u0000太郎' }] }, 'guests.0.name'],
    [{ revision: 1, reason: '' }, 'reason'],
    [{ revision: 1, reason: '理由' }, 'body'],
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g2', passportNumber: '!!' }] }, 'guests.0.passportNumber'],
  ])('invalid correction %o names %s', async (body, field) => {
    const result = await handlers.correct(correctEvent(body));

    expect(result.statusCode).toBe(400);
    expect(json(result).error.field).toBe(field);
  });

  test.each([
    [{ revision: 1, reason: '理由', guests: [{ guestId: 'g9', name: 'x' }] }, '宿泊者 1 の ID: この記録の宿泊者ではありません / guest 1 id: not a guest of this entry'],
    [
      { revision: 1, reason: '理由', guests: [{ guestId: 'g2', passportNumber: '!!' }] },
      '宿泊者 1 の旅券番号: 英数字 6〜9 文字で入力してください / guest 1 passport number: must be 6 to 9 letters or digits',
    ],
    [{ revision: 1, reason: '' }, '訂正の理由: 空にはできません / reason for the correction: must not be empty'],
    [
      { revision: 1, reason: '理由', guests: [{ guestId: 'g1', occupation: '\u2066会社員' }] },
      '宿泊者 1 の職業: 制御文字または文字の向きを変える文字を含んでいます / guest 1 occupation: contains a control or bidirectional formatting character',
    ],
    [
      { revision: 1, reason: '理由', checkedInAt: '2026-06-24T14:00:00+09:00' },
      'チェックアウト日時: チェックイン日時より後にしてください / check-out: must be after the check-in',
    ],
    [
      { revision: 1, reason: '理由', checkedOutAt: '2026-06-19T10:00:00+09:00', checkedInAt: null },
      'チェックアウト日時: 到着日 (2026-06-20) より前です / check-out: before the arrival date 2026-06-20',
    ],
    [
      { revision: 1, reason: '理由', checkedInAt: '2026-06-25T10:00:00+09:00' },
      'チェックイン日時: 出発日 (2026-06-24) より後です / check-in: after the departure date 2026-06-24',
    ],
  ])('invalid correction %o names the field by label', async (body, message) => {
    const result = await handlers.correct(correctEvent(body));

    expect(result.statusCode).toBe(400);
    expect(json(result).error.message).toBe(message);
  });

  test('rejected corrections leave the entry unchanged', async () => {
    const result = await handlers.correct(correctEvent({ revision: 1, reason: '理由', checkedOutAt: '2026-06-19T10:00:00+09:00', guests: [{ guestId: 'g1', occupation: '自営業' }] }));
    const read = json(await handlers.getEntry(apiEvent({ claims: owner, pathParameters: { entryId } })));

    expect(result.statusCode).toBe(400);
    expect(read.revision).toBe(1);
    expect(read.checkedOutAt).toBe('2026-06-24T04:30:00.000Z');
    expect(read.checkedInAt).toBeUndefined();
    expect(read.guests[0].occupation).toBe(inventedResident.occupation);
  });

  test('name limit counts graphemes', async () => {
    const name = '𠮷👨\u200D👩\u200D👧'.repeat(50);
    const result = await handlers.correct(correctEvent({ revision: 1, reason: '氏名の表記を訂正', guests: [{ guestId: 'g2', name }] }));

    expect(result.statusCode).toBe(200);
    const read = json(await handlers.getEntry(apiEvent({ claims: owner, pathParameters: { entryId } })));
    expect(read.guests[1].name).toBe(name);
  });

  test('staff may not correct', async () => {
    const result = await handlers.correct(correctEvent({ revision: 1, reason: '理由', guests: [{ guestId: 'g1', occupation: '自営業' }] }, operatorClaims(tenantId, 'staff-correction', 'staff')));

    expect(result.statusCode).toBe(403);
  });

  test('no guest data in logs or errors', () => {
    for (const secret of [...inventedGuestStrings, correctedAddress]) {
      expect(output.text()).not.toContain(secret);
    }
  });
});
