import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials } from '../../local/cognito';
import { localRegion } from '../../local/ports';
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
const deliveryQuery = 'query Delivery($id: ID!, $sealed: String!) { checkInDelivery(id: $id, sealed: $sealed) }';

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

describe('checkInDelivery query', () => {
  // A second tenant whose facility has the same id as tenant A's one: facility ids are unique per tenant only.
  const tenantC = { tenantId: 'tenant-c', facilityId: tenantA.facilityId };
  const otherFacilityOfA = { tenantId: tenantA.tenantId, facilityId: 'facility-a-2' };

  const delivery = async (id: string, sealed: string, username: string) =>
    graphql(deliveryQuery, { id, sealed }, username);
  const sealedOf = (id: string) => checkInInput(id, tenantA.facilityId).sealed;

  /** Creates a check-in as `username`, then revokes that device, as when staff pair the tablet again. */
  async function storeAndRevoke(id: string, username: string): Promise<void> {
    await backend.pairDevice(username, tenantA);
    const created = await graphql(createMutation, { input: checkInInput(id, tenantA.facilityId) }, username);
    expect(created.errors).toBeUndefined();
    const device = await backend.devices.findByCognitoUsername(username);
    await backend.devices.revokeDevice(device!, 'operator-test', new Date());
  }

  /** Sets `_ttl` on a record, as ingest does once its register entry is stored. */
  async function markIngested(id: string): Promise<void> {
    const dynamo = new DynamoDBClient({ endpoint: backend.dynamo.endpoint, region: localRegion, credentials: localCredentials });
    await dynamo.send(
      new UpdateItemCommand({
        TableName: backend.checkInTableName,
        Key: { id: { S: id } },
        UpdateExpression: 'SET #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': '_ttl' },
        ExpressionAttributeValues: { ':ttl': { N: String(Math.floor(Date.now() / 1000) + 86_400) } },
      }),
    );
    dynamo.destroy();
  }

  beforeAll(async () => {
    await backend.pairDevice('kiosk-delivery-a', tenantA);
    await backend.pairDevice('kiosk-delivery-c', tenantC);
    await backend.pairDevice('kiosk-delivery-a-2', otherFacilityOfA);
  });

  test('unknown id is not stored', async () => {
    const response = await delivery('delivery-unknown', sealedOf('delivery-unknown'), 'kiosk-delivery-a');

    expect(response.errors).toBeUndefined();
    expect(response.data?.checkInDelivery).toBe('NOT_STORED');
  });

  test("device's own record is stored", async () => {
    await graphql(createMutation, { input: checkInInput('delivery-own', tenantA.facilityId) }, 'kiosk-delivery-a');

    const response = await delivery('delivery-own', sealedOf('delivery-own'), 'kiosk-delivery-a');

    expect(response.data?.checkInDelivery).toBe('STORED');
  });

  test('other sealed content is a mismatch', async () => {
    await graphql(createMutation, { input: checkInInput('delivery-changed', tenantA.facilityId) }, 'kiosk-delivery-a');

    const response = await delivery('delivery-changed', JSON.stringify({ v: 1, ciphertext: 'BBBB' }), 'kiosk-delivery-a');

    expect(response.data?.checkInDelivery).toBe('MISMATCH');
  });

  test("revoked earlier device's record, before and after ingest", async () => {
    await storeAndRevoke('delivery-earlier', 'kiosk-delivery-earlier');

    const before = await delivery('delivery-earlier', sealedOf('delivery-earlier'), 'kiosk-delivery-a');
    await markIngested('delivery-earlier');
    const after = await delivery('delivery-earlier', sealedOf('delivery-earlier'), 'kiosk-delivery-a');

    expect(before.errors).toBeUndefined();
    expect(before.data?.checkInDelivery).toBe('STORED_BY_OTHER_DEVICE');
    expect(after.data?.checkInDelivery).toBe('IN_REGISTER');
  });

  test('other tenant and facility learn nothing', async () => {
    await storeAndRevoke('delivery-hidden', 'kiosk-delivery-hidden');
    await markIngested('delivery-hidden');

    const otherTenant = await delivery('delivery-hidden', sealedOf('delivery-hidden'), 'kiosk-delivery-c');
    const otherFacility = await delivery('delivery-hidden', sealedOf('delivery-hidden'), 'kiosk-delivery-a-2');
    const otherTenantWrongContent = await delivery('delivery-hidden', 'not the sealed content', 'kiosk-delivery-c');

    expect(otherTenant.data?.checkInDelivery).toBe('NOT_STORED');
    expect(otherFacility.data?.checkInDelivery).toBe('NOT_STORED');
    expect(otherTenantWrongContent.data?.checkInDelivery).toBe('NOT_STORED');
  });

  test('revoked device is rejected', async () => {
    await storeAndRevoke('delivery-revoked', 'kiosk-delivery-revoked');

    const response = await delivery('delivery-revoked', sealedOf('delivery-revoked'), 'kiosk-delivery-revoked');

    expect(errorTypes(response)).toEqual(['Unauthorized']);
    expect(response.data?.checkInDelivery ?? null).toBeNull();
  });

  test('user that is no device is rejected', async () => {
    const response = await delivery('delivery-own', sealedOf('delivery-own'), 'operator-not-a-device');

    expect(errorTypes(response)).toEqual(['Unauthorized']);
  });

  test('empty sealed content names the field', async () => {
    const response = await delivery('delivery-own', '', 'kiosk-delivery-a');

    expect(errorTypes(response)).toEqual(['ValidationError']);
    expect(response.errors?.[0]?.message).toMatch(/^sealed: required/);
  });
});
