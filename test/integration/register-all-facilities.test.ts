import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { inventedGuestStrings, inventedResident, inventedVisitor, storeRegisterEntry } from './support/register-fixtures';

type ListHandler = typeof import('../../lambdas/guest-register/list-register-entries').handler;

const tenantId = 'tenant-register-all';
const otherTenantId = 'tenant-register-all-other';
const eastId = 'facility-east';
const westId = 'facility-west';
const archivedId = 'facility-west-archived';

/** Invented users; none of them is a real person. */
const owner = operatorClaims(tenantId, 'owner-all', 'owner');
const managerEast = operatorClaims(tenantId, 'manager-east', 'manager');
const staffWest = operatorClaims(tenantId, 'staff-west', 'staff');

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

interface StoredStay {
  readonly entryId: string;
  readonly facilityId: string;
  readonly arrivalDate: string;
  readonly acceptedAt: string;
}

/**
 * Sorts stays into the merged order: arrival date, then consent time, then entry id, as the index
 * sort key `<arrivalDate>#<consent time in UTC>#<entryId>` sorts.
 */
function inArrivalOrder(stays: readonly StoredStay[]): string[] {
  const sortKey = (stay: StoredStay) => `${stay.arrivalDate}#${new Date(stay.acceptedAt).toISOString()}#${stay.entryId}`;
  return [...stays].sort((a, b) => sortKey(a).localeCompare(sortKey(b))).map((stay) => stay.entryId);
}

describe('register of all facilities', () => {
  let emulators: HandlerEmulators;
  let list: ListHandler;
  let output: ReturnType<typeof captureOutput>;
  let auditRecords: (userId: string) => Promise<Record<string, any>[]>;
  const stays: StoredStay[] = [];

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    output = captureOutput();

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { kmsClient } = require('../../lambdas/aws/kms') as typeof import('../../lambdas/aws/kms');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { OfficeRepository } = require('../../lambdas/organisation/office-repository') as typeof import('../../lambdas/organisation/office-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { RegisterRepository } = require('../../lambdas/guest-register/register-repository') as typeof import('../../lambdas/guest-register/register-repository');
    const { TenantDataKeys } = require('../../lambdas/guest-pii/tenant-data-keys') as typeof import('../../lambdas/guest-pii/tenant-data-keys');
    const { TenantKeys } = require('../../lambdas/guest-pii/tenant-keys') as typeof import('../../lambdas/guest-pii/tenant-keys');

    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '全施設検証株式会社', contactEmail: 'register-all@example.invalid' });
    await tenants.createTenant({ tenantId: otherTenantId, name: '他社株式会社', contactEmail: 'other@example.invalid' });
    // Roles and offices come from the Directory record; the token's group is not trusted.
    await tenants.putOperatorUser({ tenantId, userId: 'owner-all', email: 'owner-all@example.invalid', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: 'manager-east', email: 'manager-east@example.invalid', role: 'manager', officeIds: ['office-east'] });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-west', email: 'staff-west@example.invalid', role: 'staff', officeIds: ['office-west'] });
    const offices = new OfficeRepository(documentClient, 'Directory');
    await offices.createOffice({ tenantId, officeId: 'office-east', name: '東拠点' });
    await offices.createOffice({ tenantId, officeId: 'office-west', name: '西拠点' });
    const facilities = new FacilityRepository(documentClient, 'Directory');
    const base = { tenantId, address: '架空県架空市3-3', licenceType: 'private-lodging' } as const;
    await facilities.createFacility({ ...base, facilityId: eastId, name: 'ひがしハウス', licenceNumber: 'M130000021', officeId: 'office-east' });
    await facilities.createFacility({ ...base, facilityId: westId, name: 'にしハウス', licenceNumber: 'M130000022', officeId: 'office-west' });
    await facilities.createFacility({
      ...base,
      facilityId: archivedId,
      name: 'にし旧館',
      licenceNumber: 'M130000023',
      officeId: 'office-west',
      status: 'archived',
    });
    await facilities.createFacility({ ...base, tenantId: otherTenantId, facilityId: eastId, name: '他社ハウス', licenceNumber: 'M130000024' });

    const deps = {
      register: new RegisterRepository(documentClient, 'Register'),
      dataKeys: new TenantDataKeys({ kms: kmsClient, documentClient, registerTable: 'Register', tenantKeys: new TenantKeys(kmsClient, { stage: 'test', aliasPrefix: process.env.TENANT_KEY_ALIAS_PREFIX! }) }),
    };
    // Arrivals interleave across the facilities, and two share a date, so that the merge and the
    // cursor both have to order by check-in time within a day: the later-stored one checked in first.
    const arrivals: [string, string, string, boolean][] = [
      [eastId, '2026-09-01', '16:00', true],
      [westId, '2026-09-02', '16:00', false],
      [eastId, '2026-09-03', '18:33', false],
      [westId, '2026-09-03', '18:32', true],
      [archivedId, '2026-09-04', '16:00', false],
      [eastId, '2026-09-05', '16:00', false],
      [westId, '2026-09-06', '16:00', false],
    ];
    for (const [facilityId, arrivalDate, checkInTime, withVisitor] of arrivals) {
      const acceptedAt = `${arrivalDate}T${checkInTime}:00+09:00`;
      const entry = await storeRegisterEntry(deps, {
        tenantId,
        facilityId,
        arrivalDate,
        departureDate: '2026-09-08',
        acceptedAt,
        guests: withVisitor ? [inventedResident, inventedVisitor] : [inventedResident],
      });
      stays.push({ entryId: entry.entryId, facilityId, arrivalDate, acceptedAt });
    }
    // Another tenant's entry with the same facility id must never appear.
    await storeRegisterEntry(deps, {
      tenantId: otherTenantId,
      facilityId: eastId,
      arrivalDate: '2026-09-02',
      departureDate: '2026-09-03',
      acceptedAt: '2026-09-02T16:00:00+09:00',
      guests: [inventedResident],
    });

    auditRecords = async (userId) =>
      (
        await documentClient.send(
          new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
        )
      ).Items?.filter((item) => item.userId === userId && item.resource === 'register-list') ?? [];
    list = (require('../../lambdas/guest-register/list-register-entries') as typeof import('../../lambdas/guest-register/list-register-entries')).handler;
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    await emulators?.stop();
  });

  /** Follows `nextCursor` until the last page and returns each page's entry ids. */
  async function allPages(claims: Record<string, string>, query: Record<string, string>): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const result = await list(apiEvent({ claims, queryStringParameters: cursor ? { ...query, cursor } : query }));
      expect(result.statusCode).toBe(200);
      const body = json(result);
      pages.push(body.entries.map((entry: { entryId: string }) => entry.entryId));
      cursor = body.nextCursor;
      // A cursor that does not move would page forever.
      if (pages.length > stays.length + 1) throw new Error(`Still paging after ${pages.length} pages.`);
    } while (cursor);
    return pages;
  }

  const september = { from: '2026-09-01', to: '2026-09-30' };

  test('owner sees every facility in arrival order', async () => {
    const result = await list(apiEvent({ claims: owner, queryStringParameters: september }));

    expect(result.statusCode).toBe(200);
    const body = json(result);
    expect(body.entries.map((entry: { entryId: string }) => entry.entryId)).toEqual(inArrivalOrder(stays));
    expect(new Set(body.entries.map((entry: { facilityId: string }) => entry.facilityId))).toEqual(new Set([eastId, westId, archivedId]));
    expect(body.entries[0].guests[0].name).toBe(inventedResident.name);
    expect(body.nextCursor).toBeUndefined();
  });

  test('same-day stays come in check-in order', async () => {
    const body = json(await list(apiEvent({ claims: owner, queryStringParameters: { from: '2026-09-03', to: '2026-09-03' } })));

    const earlier = stays.find((stay) => stay.acceptedAt === '2026-09-03T18:32:00+09:00')!;
    const later = stays.find((stay) => stay.acceptedAt === '2026-09-03T18:33:00+09:00')!;
    expect(body.entries.map((entry: { entryId: string }) => entry.entryId)).toEqual([earlier.entryId, later.entryId]);
  });

  test('manager sees own office only', async () => {
    const result = await list(apiEvent({ claims: managerEast, queryStringParameters: september }));

    const entries = json(result).entries;
    expect(entries.map((entry: { entryId: string }) => entry.entryId)).toEqual(inArrivalOrder(stays.filter((stay) => stay.facilityId === eastId)));
    expect(entries.every((entry: { facilityId: string }) => entry.facilityId === eastId)).toBe(true);
  });

  test('staff sees own office masked', async () => {
    const result = await list(apiEvent({ claims: staffWest, queryStringParameters: september }));

    const entries = json(result).entries;
    const westStays = stays.filter((stay) => stay.facilityId === westId || stay.facilityId === archivedId);
    expect(entries.map((entry: { entryId: string }) => entry.entryId)).toEqual(inArrivalOrder(westStays));
    expect(entries[0].guests[0].name).not.toBe(inventedResident.name);
    expect(entries[0].guests[0].name).toContain('●');
  });

  test.each([1, 2, 3, 7])('pages of %i cover each entry once', async (limit) => {
    const pages = await allPages(owner, { ...september, limit: String(limit) });

    expect(pages.flat()).toEqual(inArrivalOrder(stays));
    expect(pages.every((page) => page.length <= limit)).toBe(true);
    expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
  });

  test('manager pages stay in office', async () => {
    const pages = await allPages(managerEast, { ...september, limit: '2' });

    expect(pages.flat()).toEqual(inArrivalOrder(stays.filter((stay) => stay.facilityId === eastId)));
    expect(pages.map((page) => page.length)).toEqual([2, 1]);
  });

  test('nationality filter pages across facilities', async () => {
    const pages = await allPages(owner, { ...september, nationality: 'US', limit: '1' });

    const withVisitor = [stays[0], stays[3]];
    expect(pages.flat()).toEqual(inArrivalOrder(withVisitor));
  });

  test('date range bounds the merge', async () => {
    const pages = await allPages(owner, { from: '2026-09-03', to: '2026-09-05', limit: '2' });

    expect(pages.flat()).toEqual(inArrivalOrder(stays.filter((stay) => stay.arrivalDate >= '2026-09-03' && stay.arrivalDate <= '2026-09-05')));
  });

  test('each page writes one audit record', async () => {
    const before = (await auditRecords('manager-east')).length;

    const pages = await allPages(managerEast, { ...september, limit: '2' });

    const records = (await auditRecords('manager-east')).slice(before);
    expect(records).toHaveLength(pages.length);
    expect(records.map((record) => record.entryIds).sort()).toEqual(pages.map((page) => [...page]).sort());
    expect(records.every((record) => record.action === 'view' && record.disclosure === 'full')).toBe(true);
  });

  test('page costs one KMS call', async () => {
    let fresh: ListHandler | undefined;
    jest.isolateModules(() => {
      fresh = (require('../../lambdas/guest-register/list-register-entries') as typeof import('../../lambdas/guest-register/list-register-entries')).handler;
    });
    emulators.resetKmsCalls();

    const first = json(await fresh!(apiEvent({ claims: owner, queryStringParameters: { ...september, limit: '4' } })));
    expect(first.entries).toHaveLength(4);
    expect(emulators.kmsCalls()).toEqual({ Decrypt: 1 });

    const second = json(await fresh!(apiEvent({ claims: owner, queryStringParameters: { ...september, limit: '4', cursor: first.nextCursor } })));
    expect(second.entries).toHaveLength(3);
    expect(emulators.kmsCalls()).toEqual({ Decrypt: 1 });
  });

  test.each([
    ['garbage', 'not-a-cursor'],
    ['a date outside the form', Buffer.from(JSON.stringify({ after: 'TENANT#x' })).toString('base64url')],
  ])('rejects %s as cursor', async (_case, cursor) => {
    const result = await list(apiEvent({ claims: owner, queryStringParameters: { ...september, cursor } }));

    expect(result.statusCode).toBe(400);
    expect(json(result).error.field).toBe('cursor');
  });

  test('cursors do not cross scopes', async () => {
    const all = json(await list(apiEvent({ claims: owner, queryStringParameters: { ...september, limit: '1' } })));
    const one = json(await list(apiEvent({ claims: owner, queryStringParameters: { ...september, facilityId: eastId, limit: '1' } })));

    const allCursorForOne = await list(apiEvent({ claims: owner, queryStringParameters: { ...september, facilityId: eastId, cursor: all.nextCursor } }));
    const oneCursorForAll = await list(apiEvent({ claims: owner, queryStringParameters: { ...september, cursor: one.nextCursor } }));

    expect(allCursorForOne.statusCode).toBe(400);
    expect(oneCursorForAll.statusCode).toBe(400);
  });

  test('no guest data in logs', async () => {
    await allPages(owner, { ...september, limit: '3' });

    for (const secret of inventedGuestStrings) expect(output.text()).not.toContain(secret);
  });
});
