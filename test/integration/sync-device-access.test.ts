import { startSyncBackend, type SyncBackend } from './sync-fixture';
import { sendGraphql, testUserPoolId } from './support/sync-graphql';

/**
 * The sync API itself shuts out devices: every query, mutation and subscription first checks the
 * caller's device in the Directory table (lib/sync/active-device-check.ts), so a revoked
 * device's still valid token, or a device writing for another tenant's facility, gets nothing.
 */

let backend: SyncBackend;

const tenantA = { tenantId: 'tenant-a', facilityId: 'facility-a' };
const tenantB = { tenantId: 'tenant-b', facilityId: 'facility-b' };

function checkInInput(id: string, facilityId: string) {
  return {
    id,
    facilityId,
    arrivalDate: '2026-06-01',
    departureDate: '2026-06-02',
    guestCount: 1,
    imageIds: [],
    imagesUploaded: true,
    sealed: JSON.stringify({ v: 1, ciphertext: 'AAAA' }),
  };
}

const createMutation = 'mutation Create($input: CreateCheckInInput!) { createCheckIn(input: $input) { id _version } }';
const syncQuery = 'query Sync { syncCheckIns(limit: 10) { items { id } startedAt } }';
const getQuery = 'query Get($id: ID!) { getCheckIn(id: $id) { id } }';

const graphql = (query: string, variables: object, username: string) =>
  sendGraphql(backend.appsync.graphqlUrl, query, variables, username);

const errorTypes = (response: { errors?: { errorType?: string }[] }) => (response.errors ?? []).map((error) => error.errorType);

beforeAll(async () => {
  backend = await startSyncBackend(testUserPoolId);
  await backend.pairDevice('kiosk-tenant-a', tenantA);
  await backend.pairDevice('kiosk-tenant-b', tenantB);
}, 300_000);

afterAll(async () => {
  await backend?.stop();
});

describe('sync API device check', () => {
  test('an active device creates, reads and syncs its own check-ins', async () => {
    const created = await graphql(createMutation, { input: checkInInput('access-own-1', tenantA.facilityId) }, 'kiosk-tenant-a');
    expect(created.errors).toBeUndefined();
    expect(created.data?.createCheckIn).toMatchObject({ id: 'access-own-1', _version: 1 });

    const read = await graphql(getQuery, { id: 'access-own-1' }, 'kiosk-tenant-a');
    expect(read.data?.getCheckIn).toEqual({ id: 'access-own-1' });
    const synced = await graphql(syncQuery, {}, 'kiosk-tenant-a');
    expect(synced.errors).toBeUndefined();
  });

  test("a device of tenant A cannot create a check-in for tenant B's facility", async () => {
    const response = await graphql(createMutation, { input: checkInInput('access-cross-1', tenantB.facilityId) }, 'kiosk-tenant-a');

    expect(errorTypes(response)).toEqual(['Unauthorized']);
    expect(response.data?.createCheckIn ?? null).toBeNull();
    const asOwner = await graphql(getQuery, { id: 'access-cross-1' }, 'kiosk-tenant-a');
    expect(asOwner.data?.getCheckIn ?? null).toBeNull();
  });

  test("a revoked device's create mutation and sync query are rejected", async () => {
    await backend.pairDevice('kiosk-revoked', tenantA);
    const before = await graphql(createMutation, { input: checkInInput('access-revoked-1', tenantA.facilityId) }, 'kiosk-revoked');
    expect(before.errors).toBeUndefined();

    const device = await backend.devices.findByCognitoUsername('kiosk-revoked');
    expect(await backend.devices.revokeDevice(device!, 'operator-test', new Date())).toMatchObject({ status: 'revoked' });

    const create = await graphql(createMutation, { input: checkInInput('access-revoked-2', tenantA.facilityId) }, 'kiosk-revoked');
    expect(errorTypes(create)).toEqual(['Unauthorized']);
    const sync = await graphql(syncQuery, {}, 'kiosk-revoked');
    expect(errorTypes(sync)).toEqual(['Unauthorized']);
    expect(sync.data?.syncCheckIns ?? null).toBeNull();
    const read = await graphql(getQuery, { id: 'access-revoked-1' }, 'kiosk-revoked');
    expect(errorTypes(read)).toEqual(['Unauthorized']);
  });

  test('a user pool user that is no paired device gets nothing', async () => {
    const create = await graphql(createMutation, { input: checkInInput('access-stranger-1', tenantA.facilityId) }, 'operator-not-a-device');
    expect(errorTypes(create)).toEqual(['Unauthorized']);
    const sync = await graphql(syncQuery, {}, 'operator-not-a-device');
    expect(errorTypes(sync)).toEqual(['Unauthorized']);
  });
});
