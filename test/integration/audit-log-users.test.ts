import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { apiEvent, operatorClaims } from './support/api-events';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

/**
 * The audit log lists PII access, admin changes and deletions, and names each record's user by
 * display name and email, read for the page at once.
 */

const tenantId = 'tenant-audit-users';
const otherTenantId = 'tenant-audit-users-other';
const ownerId = 'owner-audit-users';
const staffId = 'staff-audit-users';
const deletedId = 'deleted-audit-users';
const otherTenantUserId = 'other-tenant-audit-users';

type Handler = (event: ReturnType<typeof apiEvent>) => Promise<APIGatewayProxyStructuredResultV2>;

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

/** Returns the BatchGetItem requests among `calls` that read user names from the Directory table. */
function nameReadsOf(calls: readonly unknown[][]): BatchGetCommand[] {
  return calls
    .map(([command]) => command)
    .filter((command): command is BatchGetCommand => command instanceof BatchGetCommand)
    .filter((command) => command.input.RequestItems?.Directory?.ProjectionExpression === 'userId, email, displayName');
}

describe('audit log user names', () => {
  let emulators: HandlerEmulators;
  let listAudit: Handler;
  let documentClient: typeof import('../../lambdas/aws/dynamodb').documentClient;
  let officeId: string;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);

    ({ documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { AuditLog } = require('../../lambdas/guest-register/audit-log') as typeof import('../../lambdas/guest-register/audit-log');
    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '監査検証株式会社', contactEmail: 'audit-users@example.invalid' });
    await tenants.createTenant({ tenantId: otherTenantId, name: '他社株式会社', contactEmail: 'audit-other@example.invalid' });
    await tenants.putOperatorUser({ tenantId, userId: ownerId, email: 'owner@example.invalid', displayName: '架空 花子', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: staffId, email: 'staff@example.invalid', role: 'staff', officeIds: ['office-1'] });
    await tenants.putOperatorUser({ tenantId: otherTenantId, userId: otherTenantUserId, email: 'other@example.invalid', role: 'owner' });

    const at = (time: string) => new AuditLog(documentClient, 'Audit', () => new Date(time));
    const base = { tenantId, disclosure: 'full' as const, entryIds: ['e-1'] };
    await at('2025-03-01T01:00:00Z').record({ ...base, userId: ownerId, action: 'view', resource: 'register-entry' });
    await at('2025-03-02T01:00:00Z').record({ ...base, userId: staffId, action: 'view', disclosure: 'masked', resource: 'register-list' });
    await at('2025-03-03T01:00:00Z').record({ ...base, userId: deletedId, action: 'print', resource: 'register-pdf' });
    await at('2025-03-04T01:00:00Z').record({ ...base, userId: ownerId, action: 'export', resource: 'register-csv' });
    // The API cannot write this record. It checks that names are read only from the caller's tenant.
    await at('2025-03-05T01:00:00Z').record({ ...base, userId: otherTenantUserId, action: 'view', resource: 'guest-image' });
    const { DeletionAuditLog } = require('../../lambdas/guest-register/deletion-audit') as typeof import('../../lambdas/guest-register/deletion-audit');
    await new DeletionAuditLog(documentClient, 'Audit').record(
      { tenantId, action: 'retention-purge', actor: 'system:retention-job', entryIds: ['e-expired'], details: { retentionYears: 3 } },
      new Date('2025-03-06T01:00:00Z'),
    );

    // An admin change through its route, stored as the handlers store it at the current time, so it is the newest record.
    const createOffice = (require('../../lambdas/organisation/create-office') as { handler: Handler }).handler;
    const created = await createOffice(apiEvent({ claims: operatorClaims(tenantId, ownerId, 'owner'), body: { name: '監査テスト拠点' } }));
    expect(created.statusCode).toBe(201);
    officeId = json(created).office.officeId;

    listAudit = (require('../../lambdas/guest-register/list-audit-records') as { handler: Handler }).handler;
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    jest.restoreAllMocks();
    await emulators?.stop();
  });

  test('names users from one batch read', async () => {
    const send = jest.spyOn(documentClient, 'send');

    const result = await listAudit(apiEvent({ claims: operatorClaims(tenantId, ownerId, 'owner') }));

    expect(result.statusCode).toBe(200);
    const users = json(result)
      .records.filter((record: { category: string }) => record.category !== 'data-deletion')
      .map((record: { userId: string; user: unknown }) => [record.userId, record.user]);
    expect(users).toEqual([
      [ownerId, { displayName: '架空 花子', email: 'owner@example.invalid' }],
      [otherTenantUserId, null],
      [ownerId, { displayName: '架空 花子', email: 'owner@example.invalid' }],
      [deletedId, null],
      [staffId, { displayName: null, email: 'staff@example.invalid' }],
      [ownerId, { displayName: '架空 花子', email: 'owner@example.invalid' }],
    ]);
    const nameReads = nameReadsOf(send.mock.calls);
    expect(nameReads).toHaveLength(1);
    expect(nameReads[0].input.RequestItems?.Directory?.Keys).toHaveLength(4);
  });

  test('lists admin change with field names', async () => {
    const result = await listAudit(apiEvent({ claims: operatorClaims(tenantId, ownerId, 'owner') }));

    const [newest] = json(result).records;
    expect(newest).toEqual({
      auditId: expect.any(String),
      at: expect.any(String),
      userId: ownerId,
      user: { displayName: '架空 花子', email: 'owner@example.invalid' },
      category: 'admin-change',
      action: 'office.create',
      targetType: 'office',
      targetIds: [officeId],
      targetNames: { [officeId]: '監査テスト拠点' },
      changedFields: ['name'],
    });
    // The name comes from the office's Directory item: the audit record itself stores no values.
    const { QueryCommand } = require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
    const stored = await documentClient.send(
      new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :tenant', ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}` } }),
    );
    expect(stored.Items?.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored.Items)).not.toContain('監査テスト拠点');
  });

  test('names change targets of each type', async () => {
    const { readChangeTargetNames } = require('../../lambdas/organisation/change-target-names') as typeof import('../../lambdas/organisation/change-target-names');

    const names = await readChangeTargetNames(documentClient, 'Directory', tenantId, [
      { type: 'office', id: officeId },
      { type: 'user', id: ownerId },
      { type: 'user', id: staffId },
      { type: 'user', id: otherTenantUserId },
      { type: 'user', id: deletedId },
      { type: 'tenant', id: tenantId },
      { type: 'tenant', id: otherTenantId },
      { type: 'facility', id: 'facility-never-created' },
    ]);

    expect(Object.fromEntries(names)).toEqual({
      [`office#${officeId}`]: '監査テスト拠点',
      [`user#${ownerId}`]: '架空 花子',
      [`user#${staffId}`]: 'staff@example.invalid',
      [`tenant#${tenantId}`]: '監査検証株式会社',
    });
  });

  test('lists deletion by its actor', async () => {
    const result = await listAudit(apiEvent({ claims: operatorClaims(tenantId, ownerId, 'owner') }));

    const deletions = json(result).records.filter((record: { category: string }) => record.category === 'data-deletion');
    expect(deletions).toEqual([
      {
        auditId: expect.any(String),
        at: '2025-03-06T01:00:00.000Z',
        category: 'data-deletion',
        action: 'retention-purge',
        actor: 'system:retention-job',
        entryIds: ['e-expired'],
      },
    ]);
  });

  test('user filter finds admin changes', async () => {
    const result = await listAudit(apiEvent({ claims: operatorClaims(tenantId, ownerId, 'owner'), queryStringParameters: { userId: ownerId } }));

    const records = json(result).records.map((record: { category: string; action: string }) => [record.category, record.action]);
    expect(records).toEqual([
      ['admin-change', 'office.create'],
      ['pii-access', 'export'],
      ['pii-access', 'view'],
    ]);
  });

  test('empty page reads no names', async () => {
    const send = jest.spyOn(documentClient, 'send');
    send.mockClear();

    const result = await listAudit(
      apiEvent({ claims: operatorClaims(tenantId, ownerId, 'owner'), queryStringParameters: { from: '2020-01-01', to: '2020-01-31' } }),
    );

    expect(json(result).records).toEqual([]);
    expect(nameReadsOf(send.mock.calls)).toEqual([]);
  });
});
