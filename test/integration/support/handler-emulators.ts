import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sesLocal from 'aws-ses-v2-local';
import { tenantKeyAliasPrefix } from '../../../lambdas/guest-pii/tenant-keys';
import { productTables } from '../../../lib/data/tables';
import { startDynamoDbLocal } from '../../../local/dynamodb-local';
import { startLocalKms } from '../../../local/kms';

interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<void>;
}
// s3rver 3.7 ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

/**
 * Emulators for handler tests, each on a free loopback port of its own, so the tests run beside
 * a running `npm start` or the shared local system. The handlers reach them through the
 * environment variables `environment` sets, exactly as in the local runner.
 */
export interface HandlerEmulators {
  readonly environment: Record<string, string>;
  readonly sesEndpoint: string;
  readonly kmsCalls: () => Record<string, number>;
  readonly resetKmsCalls: () => void;
  stop(): Promise<void>;
}

// s3rver accepts only its built-in key pair; the other emulators accept any.
export const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const region = 'ap-northeast-1';
export const imagesBucket = 'images';
/** Stand-in for the AppSync CheckIn table, keyed by `id` as DataStore's model table is. */
export const checkInTable = 'CheckIn';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Time a `beforeAll` hook allows for starting the emulators and seeding. Starting the DynamoDB
 * Local JVM takes most of it; on a busy 2-core CI machine that took over a minute.
 */
export const emulatorStartTimeoutMs = 180_000;

export async function startHandlerEmulators(options: { kmsNow?: () => number } = {}): Promise<HandlerEmulators> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'handler-emulators-'));
  const [dynamoPort, s3Port, sesPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const [dynamo, kms] = await Promise.all([
    startDynamoDbLocal(dynamoPort),
    startLocalKms({ port: 0, dataDir: path.join(stateDir, 'kms'), now: options.kmsNow }),
  ]);
  const s3 = new S3rver({
    port: s3Port,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(stateDir, 's3'),
    configureBuckets: [{ name: imagesBucket }],
  });
  await s3.run();
  const ses: Server = await sesLocal({ host: '127.0.0.1', port: sesPort });

  const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
  await createProductTables(dynamoClient);
  await dynamoClient.send(
    new CreateTableCommand({
      TableName: checkInTable,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  dynamoClient.destroy();
  const kmsClient = new KMSClient({ endpoint: kms.endpoint, region, credentials });
  const sealingKey = await kmsClient.send(new CreateKeyCommand({ KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' }));
  kmsClient.destroy();

  const sesEndpoint = `http://127.0.0.1:${sesPort}`;
  return {
    environment: {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_KMS: kms.endpoint,
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Port}`,
      AWS_ENDPOINT_URL_SES: sesEndpoint,
      DIRECTORY_TABLE: 'Directory',
      REGISTER_TABLE: 'Register',
      AUDIT_TABLE: 'Audit',
      CHECKIN_TABLE: checkInTable,
      IMAGES_BUCKET: imagesBucket,
      EXPORTS_BUCKET: imagesBucket,
      TENANT_KEY_ALIAS_PREFIX: tenantKeyAliasPrefix('test'),
      KIOSK_SEALING_KEY_ID: sealingKey.KeyMetadata!.KeyId!,
      USER_POOL_ID: 'local_pool',
      MAIL_FROM: 'no-reply@open-sesame.invalid',
      SUPPORT_ADDRESS: 'support@open-sesame.invalid',
      ADMIN_WEB_URL: 'http://localhost:5174',
      STAGE: 'test',
      POWERTOOLS_SERVICE_NAME: 'open-sesame-test',
    },
    sesEndpoint,
    kmsCalls: kms.calls,
    resetKmsCalls: kms.resetCalls,
    stop: async () => {
      await Promise.all([
        dynamo.stop(),
        kms.stop(),
        s3.close(),
        new Promise<void>((resolve) => ses.close(() => resolve())),
      ]);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Creates the Directory, Register and Audit tables from lib/data/tables.ts, named by their id. */
async function createProductTables(client: DynamoDBClient): Promise<void> {
  for (const table of productTables) {
    const keyNames = new Set([table.partitionKey, table.sortKey, ...table.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey])]);
    await client.send(
      new CreateTableCommand({
        TableName: table.id,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes:
          table.globalIndexes.length === 0
            ? undefined
            : table.globalIndexes.map((index) => ({
                IndexName: index.name,
                KeySchema: [
                  { AttributeName: index.partitionKey, KeyType: 'HASH' },
                  { AttributeName: index.sortKey, KeyType: 'RANGE' },
                ],
                Projection: index.projectedAttributes
                  ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projectedAttributes] }
                  : { ProjectionType: 'ALL' },
              })),
      }),
    );
  }
}
