import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { addDays } from '../../lambdas/reports/japan-time';
import { todayInJapan } from '../../lambdas/reports/reporting-periods';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { inventedGuestStrings, inventedResident, inventedVisitor, storeRegisterEntry } from './support/register-fixtures';

type Handlers = {
  confirm: typeof import('../../lambdas/guest-register/confirm-long-stay').handler;
  listLongStays: typeof import('../../lambdas/guest-register/list-long-stays').handler;
  getEntry: typeof import('../../lambdas/guest-register/get-register-entry').handler;
  listEntries: typeof import('../../lambdas/guest-register/list-register-entries').handler;
};

const tenantId = 'tenant-long-stay';
const facilityId = 'facility-long-stay';
const officeId = 'office-long-stay';
const owner = operatorClaims(tenantId, 'owner-long-stay', 'owner');
const staff = operatorClaims(tenantId, 'staff-long-stay', 'staff');
const otherStaff = operatorClaims(tenantId, 'staff-elsewhere', 'staff');

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

/**
 * Long-stay confirmations through the handlers. The handlers read the system clock, so the
 * stays are placed around today in Japan: one in its tenth night, one short stay, one that ended.
 */
describe('long-stay confirmations', () => {
  let emulators: HandlerEmulators;
  let handlers: Handlers;
  let output: ReturnType<typeof captureOutput>;
  let longId: string;
  let shortId: string;
  let endedId: string;
  let auditActions: () => Promise<string[]>;

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

    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '長期滞在検証株式会社', contactEmail: 'long-stay@example.invalid' });
    await tenants.putOperatorUser({ tenantId, userId: 'owner-long-stay', email: 'owner-long-stay@example.invalid', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-long-stay', email: 'staff@example.invalid', displayName: '現地 確認子', role: 'staff', officeIds: [officeId] });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-elsewhere', email: 'elsewhere@example.invalid', role: 'staff', officeIds: ['office-elsewhere'] });
    await new FacilityRepository(documentClient, 'Directory').createFacility({
      tenantId,
      facilityId,
      name: '長期ハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M130000040',
      address: '架空県架空市5-5',
      officeId,
    });
    const deps = {
      register: new RegisterRepository(documentClient, 'Register'),
      dataKeys: new TenantDataKeys({ kms: kmsClient, documentClient, registerTable: 'Register', tenantKeys: new TenantKeys(kmsClient, { stage: 'test', aliasPrefix: process.env.TENANT_KEY_ALIAS_PREFIX! }) }),
    };
    const today = todayInJapan(new Date());
    const store = async (arrivalDate: string, departureDate: string) =>
      (
        await storeRegisterEntry(deps, {
          tenantId,
          facilityId,
          arrivalDate,
          departureDate,
          acceptedAt: `${arrivalDate}T15:00:00+09:00`,
          guests: [inventedResident, inventedVisitor],
        })
      ).entryId;
    // Arrived 9 days ago at 15:00 for 21 nights: the first confirmation fell due 2 days ago.
    longId = await store(addDays(today, -9), addDays(today, 12));
    shortId = await store(addDays(today, -1), addDays(today, 2));
    endedId = await store(addDays(today, -20), addDays(today, -10));

    auditActions = async () => {
      const result = await documentClient.send(
        new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
      );
      return (result.Items ?? []).filter((item) => item.action === 'confirm-long-stay').map((item) => `${item.userId}:${item.entryIds[0]}`);
    };

    handlers = {
      confirm: (require('../../lambdas/guest-register/confirm-long-stay') as typeof import('../../lambdas/guest-register/confirm-long-stay')).handler,
      listLongStays: (require('../../lambdas/guest-register/list-long-stays') as typeof import('../../lambdas/guest-register/list-long-stays')).handler,
      getEntry: (require('../../lambdas/guest-register/get-register-entry') as typeof import('../../lambdas/guest-register/get-register-entry')).handler,
      listEntries: (require('../../lambdas/guest-register/list-register-entries') as typeof import('../../lambdas/guest-register/list-register-entries')).handler,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    await emulators?.stop();
  });

  const confirm = (entryId: string, claims = staff) => handlers.confirm(apiEvent({ claims, pathParameters: { entryId } }));

  test('unconfirmed long stay is due', async () => {
    const result = await handlers.listLongStays(apiEvent({ claims: staff }));

    expect(result.statusCode).toBe(200);
    const stays = json(result).stays;
    expect(stays).toHaveLength(1);
    expect(stays[0]).toMatchObject({ entryId: longId, facilityName: '長期ハウス', nights: 21, guestCount: 2, inProgress: true, due: true });
    const list = json(await handlers.listEntries(apiEvent({ claims: owner, queryStringParameters: { facilityId } })));
    const flags = Object.fromEntries(list.entries.map((entry: any) => [entry.entryId, [entry.longStay, entry.longStayConfirmationDue]]));
    expect(flags).toEqual({ [longId]: [true, true], [shortId]: [false, false], [endedId]: [true, false] });
  });

  test('staff confirms; who and when are kept', async () => {
    const result = await confirm(longId);

    expect(result.statusCode).toBe(201);
    const status = json(result);
    expect(status).toMatchObject({ due: false, inProgress: true });
    expect(Date.parse(status.nextDueAt) - Date.parse(status.lastConfirmedAt)).toBe(7 * 86_400_000);
    const entry = json(await handlers.getEntry(apiEvent({ claims: owner, pathParameters: { entryId: longId } })));
    expect(entry.longStay.confirmations).toEqual([{ at: status.lastConfirmedAt, userId: 'staff-long-stay', userName: '現地 確認子' }]);
    expect(await auditActions()).toEqual([`staff-long-stay:${longId}`]);
    expect(json(await handlers.listLongStays(apiEvent({ claims: staff }))).stays[0].due).toBe(false);
  });

  test('second confirmation appends', async () => {
    const result = await confirm(longId, owner);

    expect(result.statusCode).toBe(201);
    const entry = json(await handlers.getEntry(apiEvent({ claims: owner, pathParameters: { entryId: longId } })));
    expect(entry.longStay.confirmations.map((confirmation: any) => confirmation.userName)).toEqual(['現地 確認子', 'owner-long-stay@example.invalid']);
    expect(await auditActions()).toHaveLength(2);
  });

  test.each([
    ['short stay', () => shortId, '宿泊記録 ID: 7 泊以上の長期滞在ではありません'],
    ['ended stay', () => endedId, '滞在中の宿泊ではない'],
  ])('%s is rejected naming entryId', async (_name, entryId, message) => {
    const result = await confirm(entryId());

    expect(result.statusCode).toBe(400);
    expect(json(result).error).toMatchObject({ code: 'invalid_request', field: 'entryId' });
    expect(json(result).error.message).toContain(message);
  });

  test('staff of another office sees nothing', async () => {
    expect((await confirm(longId, otherStaff)).statusCode).toBe(404);
    expect(json(await handlers.listLongStays(apiEvent({ claims: otherStaff }))).stays).toEqual([]);
  });

  test('no guest data in logs or responses', async () => {
    const listed = JSON.stringify(json(await handlers.listLongStays(apiEvent({ claims: owner }))));
    for (const secret of inventedGuestStrings) {
      expect(listed).not.toContain(secret);
      expect(output.text()).not.toContain(secret);
    }
  });
});
