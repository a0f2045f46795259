import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { matchesFilterPattern, startStreamPoller, type StreamPoller } from '../../local/stream-poller';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through jest's integration project.`);
  return value;
}

interface DeliveredRecord {
  eventName: string;
  eventSource: string;
  dynamodb: { Keys: { id: { S: string } }; NewImage?: Record<string, unknown>; SequenceNumber: string; ApproximateCreationDateTime: number };
}

/** Polls `condition` every 100 ms until it holds, failing after `maxPolls` polls. */
async function eventually(condition: () => boolean, maxPolls = 150): Promise<void> {
  for (let poll = 0; poll < maxPolls; poll++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met after polling');
}

describe('local stream poller', () => {
  const dynamo = new DynamoDBClient({
    endpoint: env('OS_DYNAMODB_ENDPOINT'),
    region: env('OS_REGION'),
    credentials: { accessKeyId: env('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: env('OS_AWS_SECRET_ACCESS_KEY') },
  });
  const pollers: StreamPoller[] = [];
  const tables: string[] = [];

  async function createStreamTable(): Promise<string> {
    const tableName = `stream-test-${randomUUID()}`;
    await dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    tables.push(tableName);
    return tableName;
  }

  async function putCheckIn(tableName: string, id: string, imagesUploaded: boolean): Promise<void> {
    await dynamo.send(new PutItemCommand({ TableName: tableName, Item: { id: { S: id }, imagesUploaded: { BOOL: imagesUploaded } } }));
  }

  afterAll(async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    for (const tableName of tables) await dynamo.send(new DeleteTableCommand({ TableName: tableName }));
    dynamo.destroy();
  });

  it('delivers a record once', async () => {
    const tableName = await createStreamTable();
    const delivered: DeliveredRecord[] = [];
    pollers.push(
      await startStreamPoller({
        dynamoEndpoint: env('OS_DYNAMODB_ENDPOINT'),
        tableName,
        invoke: async (event) => {
          delivered.push(...(event.Records as DeliveredRecord[]));
          return { batchItemFailures: [] };
        },
        batchSize: 10,
        reportBatchItemFailures: true,
        maximumRetryAttempts: -1,
        filterPatterns: [],
        log: () => undefined,
        pollIntervalMs: 50,
      }),
    );
    await putCheckIn(tableName, 'check-in-1', true);
    await eventually(() => delivered.length > 0);
    // A second record proves the poller moved past the first without delivering it again.
    await putCheckIn(tableName, 'check-in-2', true);
    await eventually(() => delivered.length > 1);

    expect(delivered.map((record) => record.dynamodb.Keys.id.S)).toEqual(['check-in-1', 'check-in-2']);
    expect(delivered[0].eventName).toBe('INSERT');
    expect(delivered[0].eventSource).toBe('aws:dynamodb');
    expect(typeof delivered[0].dynamodb.ApproximateCreationDateTime).toBe('number');
    expect(delivered[0].dynamodb.NewImage).toEqual({ id: { S: 'check-in-1' }, imagesUploaded: { BOOL: true } });
  });

  it('retries from the first failed record', async () => {
    const tableName = await createStreamTable();
    const attemptsById = new Map<string, number>();
    pollers.push(
      await startStreamPoller({
        dynamoEndpoint: env('OS_DYNAMODB_ENDPOINT'),
        tableName,
        invoke: async (event) => {
          const batchItemFailures: { itemIdentifier: string }[] = [];
          for (const record of event.Records as DeliveredRecord[]) {
            const id = record.dynamodb.Keys.id.S;
            const attempts = (attemptsById.get(id) ?? 0) + 1;
            attemptsById.set(id, attempts);
            if (id === 'fails-once' && attempts === 1) batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
          }
          return { batchItemFailures };
        },
        batchSize: 10,
        reportBatchItemFailures: true,
        maximumRetryAttempts: 3,
        filterPatterns: [],
        log: () => undefined,
        pollIntervalMs: 50,
      }),
    );
    await putCheckIn(tableName, 'fails-once', true);
    await eventually(() => attemptsById.get('fails-once') === 2);
    await putCheckIn(tableName, 'after', true);
    await eventually(() => attemptsById.has('after'));

    expect(attemptsById.get('fails-once')).toBe(2);
    expect(attemptsById.get('after')).toBe(1);
  });

  it('drops records the filter pattern excludes', async () => {
    const tableName = await createStreamTable();
    const deliveredIds: string[] = [];
    pollers.push(
      await startStreamPoller({
        dynamoEndpoint: env('OS_DYNAMODB_ENDPOINT'),
        tableName,
        invoke: async (event) => {
          deliveredIds.push(...(event.Records as DeliveredRecord[]).map((record) => record.dynamodb.Keys.id.S));
          return {};
        },
        batchSize: 10,
        reportBatchItemFailures: true,
        maximumRetryAttempts: -1,
        filterPatterns: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { imagesUploaded: { BOOL: [true] } } } }],
        log: () => undefined,
        pollIntervalMs: 50,
      }),
    );
    await putCheckIn(tableName, 'images-pending', false);
    await putCheckIn(tableName, 'images-uploaded', true);
    await eventually(() => deliveredIds.length > 0);

    expect(deliveredIds).toEqual(['images-uploaded']);
  });
});

describe('event filter patterns', () => {
  it.each([
    [{ a: ['x'] }, { a: 'x' }, true],
    [{ a: ['x'] }, { a: 'y' }, false],
    [{ a: { b: [true] } }, { a: { b: true } }, true],
    [{ a: [{ exists: false }] }, {}, true],
    [{ a: [{ prefix: 'CHECK' }] }, { a: 'CHECKIN#1' }, true],
    [{ a: [{ 'anything-but': ['x'] }] }, { a: 'x' }, false],
  ])('pattern %j on %j is %s', (pattern, value, expected) => {
    expect(matchesFilterPattern(value, pattern)).toBe(expected);
  });
});
