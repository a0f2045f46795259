import https from 'node:https';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localRegion } from '../../local/ports';
import { ensureLocalTlsCertificate } from '../../local/tls';
import { sendGraphql, testUserPoolId, type GraphqlResponse } from './support/sync-graphql';
import { VersionedDynamoDbLoader } from '../../local/appsync/versioned-dynamodb-loader';
import { startSyncBackend, type SyncBackend } from './sync-fixture';

let backend: SyncBackend;

async function graphql(query: string, variables: object = {}, username = 'kiosk-a'): Promise<GraphqlResponse> {
  return sendGraphql(backend.appsync.graphqlUrl, query, variables, username);
}

const syncFields = 'id imagesUploaded _version _lastChangedAt _deleted';

function checkInInput(id: string) {
  return {
    id,
    facilityId: 'facility-1',
    arrivalDate: '2026-05-01',
    departureDate: '2026-05-03',
    guestCount: 2,
    imageIds: ['image-1'],
    imagesUploaded: false,
    sealed: JSON.stringify({ v: 1, ciphertext: 'AAAA' }),
  };
}

async function create(id: string, username = 'kiosk-a') {
  return graphql(
    `mutation Create($input: CreateCheckInInput!) { createCheckIn(input: $input) { ${syncFields} } }`,
    { input: checkInInput(id) },
    username,
  );
}

async function update(id: string, version: number, imagesUploaded: boolean) {
  return graphql(
    `mutation Update($input: UpdateCheckInInput!) { updateCheckIn(input: $input) { ${syncFields} } }`,
    { input: { id, imagesUploaded, _version: version } },
  );
}

async function sync(variables: { limit?: number; lastSync?: number; nextToken?: string }, username = 'kiosk-a') {
  const response = await graphql(
    `query Sync($limit: Int, $lastSync: AWSTimestamp, $nextToken: String) {
      syncCheckIns(limit: $limit, lastSync: $lastSync, nextToken: $nextToken) {
        items { ${syncFields} } nextToken startedAt
      }
    }`,
    variables,
    username,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.syncCheckIns as {
    items: { id: string; _version: number }[];
    nextToken: string | null;
    startedAt: number;
  };
}

beforeAll(async () => {
  backend = await startSyncBackend(testUserPoolId);
  for (const username of ['kiosk-a', 'kiosk-b', 'kiosk-paging', 'kiosk-delta', 'kiosk-own', 'kiosk-nobody']) {
    await backend.pairDevice(username);
  }
}, 300_000);

afterAll(async () => {
  await backend?.stop();
});

describe('versioned CheckIn data source', () => {
  test('create sets version 1', async () => {
    const response = await create('create-1');

    expect(response.errors).toBeUndefined();
    expect(response.data!.createCheckIn._version).toBe(1);
    expect(typeof response.data!.createCheckIn._lastChangedAt).toBe('number');
    expect(response.data!.createCheckIn._lastChangedAt).toBeGreaterThan(2 ** 31);
  });

  test('stored item has version and owner', async () => {
    await create('stored-1');
    const client = new DynamoDBClient({
      endpoint: backend.dynamo.endpoint,
      region: localRegion,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

    const stored = await client.send(
      new GetItemCommand({ TableName: backend.checkInTableName, Key: { id: { S: 'stored-1' } } }),
    );
    client.destroy();

    const item = unmarshall(stored.Item!);
    expect(item._version).toBe(1);
    expect(item.owner).toBe('sub-kiosk-a::kiosk-a');
  });

  test('create of an existing id fails', async () => {
    await create('duplicate-1');

    const response = await create('duplicate-1');

    expect(response.errors?.[0]?.errorType).toBe('DynamoDB:ConditionalCheckFailedException');
  });

  test('update with current version bumps it', async () => {
    await create('update-1');

    const response = await update('update-1', 1, true);

    expect(response.errors).toBeUndefined();
    expect(response.data!.updateCheckIn._version).toBe(2);
    expect(response.data!.updateCheckIn.imagesUploaded).toBe(true);
  });

  test('update with stale version conflicts', async () => {
    await create('stale-1');
    await update('stale-1', 1, true);

    const response = await update('stale-1', 1, false);

    expect(response.data!.updateCheckIn).toBeNull();
    expect(response.errors?.[0]?.errorType).toBe('ConflictUnhandled');
    expect(response.errors?.[0]?.data._version).toBe(2);
    expect(response.errors?.[0]?.data.imagesUploaded).toBe(true);
  });

  test('update by another device is rejected', async () => {
    await create('foreign-1');

    const response = await graphql(
      `mutation Update($input: UpdateCheckInInput!) { updateCheckIn(input: $input) { id } }`,
      { input: { id: 'foreign-1', imagesUploaded: true, _version: 1 } },
      'kiosk-b',
    );

    expect(response.data!.updateCheckIn).toBeNull();
    expect(response.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  test('owner cannot be reassigned', async () => {
    await create('reassign-1');

    const response = await graphql(
      `mutation Update($input: UpdateCheckInInput!) { updateCheckIn(input: $input) { id } }`,
      { input: { id: 'reassign-1', owner: 'sub-kiosk-b::kiosk-b', _version: 1 } },
    );

    expect(response.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  test('sync pages through every item', async () => {
    for (let index = 0; index < 5; index += 1) await create(`page-${index}`, 'kiosk-paging');

    const seen: string[] = [];
    const startedAts = new Set<number>();
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await sync({ limit: 2, nextToken }, 'kiosk-paging');
      seen.push(...page.items.map((item) => item.id));
      startedAts.add(page.startedAt);
      nextToken = page.nextToken ?? undefined;
      pages += 1;
    } while (nextToken && pages < 20);

    expect(seen.sort()).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    expect(startedAts.size).toBe(1);
  });

  test('sync since lastSync returns later changes', async () => {
    await create('delta-old', 'kiosk-delta');
    const first = await sync({}, 'kiosk-delta');
    await create('delta-new', 'kiosk-delta');

    const delta = await sync({ lastSync: first.startedAt }, 'kiosk-delta');

    expect(delta.items.map((item) => item.id)).toEqual(['delta-new']);
  });

  test('sync shows only own records', async () => {
    await create('own-1', 'kiosk-own');

    const other = await sync({}, 'kiosk-nobody');

    expect(other.items).toEqual([]);
  });

  test('delete is soft and versioned', async () => {
    // The schema allows no delete mutation, so the loader is called as the resolver would.
    await create('delete-1');
    const loader = new VersionedDynamoDbLoader({
      name: 'CheckInTable',
      type: 'AMAZON_DYNAMODB',
      config: { endpoint: backend.dynamo.endpoint, region: localRegion, tableName: backend.checkInTableName },
      options: { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
      versioned: true,
    });
    const key = { id: { S: 'delete-1' } };

    const stale = loader.load({ operation: 'DeleteItem', key, _version: 7 });
    await expect(stale).rejects.toMatchObject({ type: 'ConflictUnhandled', data: { _version: 1 } });

    const deleted = (await loader.load({ operation: 'DeleteItem', key, _version: 1 })) as Record<string, unknown>;
    expect(deleted._deleted).toBe(true);
    expect(deleted._version).toBe(2);
    expect(typeof deleted._ttl).toBe('number');
  });

  test('request from another pool is rejected', async () => {
    const certificate = (await ensureLocalTlsCertificate()).cert;
    const response = await new Promise<number>((resolve, reject) => {
      const request = https.request(
        new URL(backend.appsync.graphqlUrl),
        { method: 'POST', ca: certificate, headers: { 'content-type': 'application/json', authorization: 'x.y.z' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      request.on('error', reject);
      request.end('{"query":"{ __typename }"}');
    });

    expect(response).toBe(401);
  });
});
