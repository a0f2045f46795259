import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, operatorClaims } from './support/api-events';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

type Handlers = {
  getMe: typeof import('../../lambdas/organisation/get-me').handler;
  listFacilities: typeof import('../../lambdas/facility/list-facilities').handler;
};

const tenantId = 'tenant-scope';
const otherTenantId = 'tenant-scope-other';
const operatorId = 'operator-scope-1';
const kioskClaims = {
  sub: 'device-sub',
  'cognito:username': 'device-sub',
  'custom:tenantId': tenantId,
  'custom:facilityId': 'facility-b',
  'cognito:groups': '[kiosk]',
};

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('tenant-scoped directory reads', () => {
  let emulators: HandlerEmulators;
  let handlers: Handlers;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const tenants = new TenantRepository(documentClient, 'Directory');
    const facilities = new FacilityRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '検証民泊株式会社', contactEmail: 'scope@example.invalid' });
    await tenants.createTenant({ tenantId: otherTenantId, name: '他社民泊株式会社', contactEmail: 'other@example.invalid' });
    await tenants.putOperatorUser({
      tenantId,
      userId: operatorId,
      email: 'manager@example.invalid',
      role: 'manager',
      displayName: '検証 太郎',
      officeIds: ['office-scope'],
    });
    // The same user id in another tenant: get-me must read the record of the token's tenant.
    await tenants.putOperatorUser({
      tenantId: otherTenantId,
      userId: operatorId,
      email: 'other-tenant-user@example.invalid',
      role: 'owner',
      displayName: '他社 次郎',
    });
    const facility = { licenceType: 'private-lodging', licenceNumber: 'M000000000', address: '架空県架空市1-1', officeId: 'office-scope' } as const;
    // Ids sort opposite to names, so only the handler's sort by name puts facility-b first.
    await facilities.createFacility({ ...facility, tenantId, facilityId: 'facility-a', name: 'びわハウス' });
    await facilities.createFacility({ ...facility, tenantId, facilityId: 'facility-b', name: 'あおいハウス' });
    await facilities.createFacility({ ...facility, tenantId: otherTenantId, facilityId: 'facility-other', name: '他社ハウス' });

    handlers = {
      getMe: (require('../../lambdas/organisation/get-me') as typeof import('../../lambdas/organisation/get-me')).handler,
      listFacilities: (require('../../lambdas/facility/list-facilities') as typeof import('../../lambdas/facility/list-facilities')).handler,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    await emulators?.stop();
  });

  describe('get-me', () => {
    test('returns caller tenant and user', async () => {
      const result = await handlers.getMe(apiEvent({ claims: operatorClaims(tenantId, operatorId, 'manager') }));

      expect(result.statusCode).toBe(200);
      expect(json(result)).toEqual({
        tenantId,
        tenantName: '検証民泊株式会社',
        userId: operatorId,
        email: 'manager@example.invalid',
        role: 'manager',
        displayName: '検証 太郎',
        officeIds: ['office-scope'],
        allOffices: false,
        grants: [],
        permissions: ['register:read', 'register:read-pii', 'register:export', 'register:correct', 'register:confirm-stay', 'report:manage', 'facility:read', 'facility:write', 'device:manage'],
        mfaEnabled: false,
        mfaSetupRequired: false,
      });
    });

    test('role comes from the Directory, not token groups', async () => {
      const result = await handlers.getMe(apiEvent({ claims: operatorClaims(tenantId, operatorId, 'owner') }));

      expect(json(result).role).toBe('manager');
    });

    test('user without record is 403', async () => {
      const result = await handlers.getMe(apiEvent({ claims: operatorClaims(tenantId, 'operator-without-record', 'owner') }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error.message).toMatch(/^この事業者の利用者として登録されていません/);
    });

    test('unknown tenant is 403', async () => {
      const result = await handlers.getMe(apiEvent({ claims: operatorClaims('tenant-that-does-not-exist', operatorId) }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error).toMatchObject({ code: 'forbidden' });
    });

    test('kiosk token rejected', async () => {
      const result = await handlers.getMe(apiEvent({ claims: kioskClaims }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error.code).toBe('forbidden');
    });

    test('operator also in kiosk group rejected', async () => {
      const claims = { ...operatorClaims(tenantId, operatorId), 'cognito:groups': '[owner kiosk]' };

      const result = await handlers.getMe(apiEvent({ claims }));

      expect(result.statusCode).toBe(403);
    });

    test('missing token is 401', async () => {
      const result = await handlers.getMe(apiEvent({}));

      expect(result.statusCode).toBe(401);
    });
  });

  describe('list-facilities', () => {
    test('lists own tenant by name', async () => {
      const result = await handlers.listFacilities(apiEvent({ claims: operatorClaims(tenantId, operatorId, 'staff') }));

      expect(result.statusCode).toBe(200);
      const { facilities } = json(result);
      expect(facilities.map((facility: { facilityId: string }) => facility.facilityId)).toEqual(['facility-b', 'facility-a']);
      expect(facilities[0]).toMatchObject({
        facilityId: 'facility-b',
        name: 'あおいハウス',
        licenceType: 'private-lodging',
        licenceNumber: 'M000000000',
        address: '架空県架空市1-1',
        officeId: 'office-scope',
        status: 'active',
      });
    });

    test('other tenant lists only its own', async () => {
      const result = await handlers.listFacilities(apiEvent({ claims: operatorClaims(otherTenantId, operatorId) }));

      expect(json(result).facilities.map((facility: { facilityId: string }) => facility.facilityId)).toEqual(['facility-other']);
    });

    test('tenant without record is 403', async () => {
      const result = await handlers.listFacilities(apiEvent({ claims: operatorClaims('tenant-without-facilities', operatorId) }));

      expect(result.statusCode).toBe(403);
      expect(result.body).not.toContain('facility-');
    });

    test('kiosk token rejected', async () => {
      const result = await handlers.listFacilities(apiEvent({ claims: kioskClaims }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error.code).toBe('forbidden');
    });

    test('token without group rejected', async () => {
      const claims = { sub: operatorId, 'custom:tenantId': tenantId };

      const result = await handlers.listFacilities(apiEvent({ claims }));

      expect(result.statusCode).toBe(403);
    });
  });
});
