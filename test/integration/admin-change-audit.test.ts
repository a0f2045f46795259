import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, operatorClaims } from './support/api-events';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

/**
 * Every admin change and its audit record are one DynamoDB transaction. Each case calls a
 * handler whose audit table does not exist, so its audit write fails, and checks that the change
 * was not stored either. Some cases then send the same request to the normal handler, which
 * stores both.
 */
type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyStructuredResultV2>;
type Repositories = {
  tenants: import('../../lambdas/organisation/tenant-repository').TenantRepository;
  offices: import('../../lambdas/organisation/office-repository').OfficeRepository;
  facilities: import('../../lambdas/facility/facility-repository').FacilityRepository;
  devices: import('../../lambdas/device/device-repository').DeviceRepository;
};

const tenantId = 'tenant-audit-tx';
const ownerId = 'owner-audit-tx';
const staffId = 'staff-audit-tx';
const officeId = 'office-audit-tx';
const facilityId = 'facility-audit-tx';
const deviceId = 'device-audit-tx';

const owner = () => operatorClaims(tenantId, ownerId, 'owner');

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

/** Loads a handler in a fresh module registry, with an audit table name that does not exist. */
function handlerWithMissingAuditTable(entry: string): Handler {
  const auditTable = process.env.AUDIT_TABLE;
  process.env.AUDIT_TABLE = 'AuditTableThatDoesNotExist';
  try {
    let handler: Handler | undefined;
    jest.isolateModules(() => {
      handler = require(entry).handler;
    });
    return handler!;
  } finally {
    process.env.AUDIT_TABLE = auditTable;
  }
}

function facilityBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '架空荘 監査館',
    licenceType: 'private-lodging',
    licenceNumber: 'M130000777',
    postalCode: '111-0032',
    prefecture: '東京都',
    city: '台東区',
    street: '架空3-3-3',
    capacity: 3,
    officeId,
    ...overrides,
  };
}

describe('admin change and audit record in one transaction', () => {
  let emulators: HandlerEmulators;
  let repositories: Repositories;
  let auditActions: () => Promise<string[]>;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { QueryCommand } = require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { OfficeRepository } = require('../../lambdas/organisation/office-repository') as typeof import('../../lambdas/organisation/office-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    repositories = {
      tenants: new TenantRepository(documentClient, 'Directory'),
      offices: new OfficeRepository(documentClient, 'Directory'),
      facilities: new FacilityRepository(documentClient, 'Directory'),
      devices: new DeviceRepository(documentClient, 'Directory'),
    };
    await repositories.tenants.createTenant({ tenantId, name: '監査検証株式会社', contactEmail: 'audit-tx@example.invalid' });
    await repositories.tenants.putOperatorUser({ tenantId, userId: ownerId, email: 'owner-audit-tx@example.invalid', role: 'owner' });
    await repositories.tenants.putOperatorUser({ tenantId, userId: staffId, email: 'staff-audit-tx@example.invalid', role: 'staff', officeIds: [officeId] });
    await repositories.offices.createOffice({ tenantId, officeId, name: '監査拠点' });
    await repositories.facilities.createFacility({
      tenantId,
      facilityId,
      name: '架空荘 既存館',
      licenceType: 'private-lodging',
      licenceNumber: 'M130000778',
      address: '〒111-0032 東京都台東区架空4-4-4',
      officeId,
    });
    await repositories.devices.createDevice({
      tenantId,
      facilityId,
      deviceId,
      cognitoUsername: 'kiosk-audit-tx',
      status: 'active',
      pairedAt: '2026-04-01T00:00:00.000Z',
    });
    auditActions = async () => {
      const result = await documentClient.send(
        new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
      );
      return (result.Items ?? []).map((item) => item.action as string);
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    await emulators?.stop();
  });

  test('facility create', async () => {
    const body = facilityBody();

    const failed = await handlerWithMissingAuditTable('../../lambdas/facility/create-facility')(apiEvent({ claims: owner(), body }));

    expect(failed.statusCode).toBe(500);
    expect((await repositories.facilities.listFacilities(tenantId)).map((facility) => facility.name)).not.toContain(body.name);
    const stored = await require('../../lambdas/facility/create-facility').handler(apiEvent({ claims: owner(), body }));
    // Had the failed call kept the licence marker, this would be a 409 for a duplicate number.
    expect(stored.statusCode).toBe(201);
    expect(await auditActions()).toContain('facility.create');
  });

  test('facility update', async () => {
    const revision = (await repositories.facilities.getFacility(tenantId, facilityId))?.revision ?? 0;
    const event = apiEvent({ claims: owner(), pathParameters: { facilityId }, body: facilityBody({ name: '架空荘 改名館', licenceNumber: 'M130000778', revision }) });

    const failed = await handlerWithMissingAuditTable('../../lambdas/facility/update-facility')(event);

    expect(failed.statusCode).toBe(500);
    expect((await repositories.facilities.getFacility(tenantId, facilityId))?.name).toBe('架空荘 既存館');
    expect(await auditActions()).not.toContain('facility.update');
  });

  test('office rename', async () => {
    const event = apiEvent({ claims: owner(), pathParameters: { officeId }, body: { name: '改名拠点' } });

    const failed = await handlerWithMissingAuditTable('../../lambdas/organisation/rename-office')(event);

    expect(failed.statusCode).toBe(500);
    expect((await repositories.offices.getOffice(tenantId, officeId))?.name).toBe('監査拠点');
    const stored = await require('../../lambdas/organisation/rename-office').handler(event);
    expect(stored.statusCode).toBe(200);
    expect((await repositories.offices.getOffice(tenantId, officeId))?.name).toBe('改名拠点');
    expect(await auditActions()).toContain('office.rename');
  });

  test('user update', async () => {
    const event = apiEvent({ claims: owner(), pathParameters: { userId: staffId }, body: { grants: ['register:export'] } });

    const failed = await handlerWithMissingAuditTable('../../lambdas/organisation/update-user')(event);

    expect(failed.statusCode).toBe(500);
    expect((await repositories.tenants.getOperatorUser(tenantId, staffId))?.grants).toEqual([]);
    expect(await auditActions()).not.toContain('user.update');
  });

  test('IP allowlist', async () => {
    const event = apiEvent({ claims: owner(), body: { ipAllowlist: ['203.0.113.0/24'] }, sourceIp: '203.0.113.9' });

    const failed = await handlerWithMissingAuditTable('../../lambdas/organisation/update-ip-allowlist')(event);

    expect(failed.statusCode).toBe(500);
    expect((await repositories.tenants.getTenant(tenantId))?.ipAllowlist).toEqual([]);
    expect(await auditActions()).not.toContain('tenant.ip-allowlist');
  });

  test('device rename', async () => {
    const event = apiEvent({ claims: owner(), pathParameters: { deviceId }, body: { name: '玄関タブレット' } });

    const failed = await handlerWithMissingAuditTable('../../lambdas/device/rename-device')(event);

    expect(failed.statusCode).toBe(500);
    expect((await repositories.devices.getDevice(tenantId, deviceId))?.name).not.toBe('玄関タブレット');
    const stored = await require('../../lambdas/device/rename-device').handler(event);
    expect(json(stored).device.name).toBe('玄関タブレット');
    expect((await repositories.devices.getDevice(tenantId, deviceId))?.name).toBe('玄関タブレット');
    expect(await auditActions()).toContain('device.rename');
  });
});
