import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeviceRepository } from '../../lambdas/device/device-repository';
import { directoryTable } from '../../lib/data/tables';
import { localCredentials } from '../../local/cognito';
import { localRegion } from '../../local/ports';
import { SyncStack } from '../../lib/sync/sync-stack';
import { createTables, loadCdkOut, modelTableName, startLocalAppSync, type LocalAppSync } from '../../local/appsync';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local';

/**
 * Test backend for the sync tests: the SyncStack synthesized with a user pool stack of its own,
 * DynamoDB Local and the local AppSync, each on a free loopback port so that it can run beside
 * the full local system.
 */

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
 * Synthesizes `test-Auth` (a user pool and a table with the Directory table's keys and indexes)
 * and `test-Sync` into a new temporary cdk.out.
 */
export function synthesizeSyncApp(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'sync-cdk-out-'));
  const app = new App({ outdir });
  const auth = new Stack(app, 'test-Auth');
  const userPool = new cognito.UserPool(auth, 'UserPool');
  const directory = new dynamodb.Table(auth, 'Directory', {
    partitionKey: { name: directoryTable.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: directoryTable.sortKey, type: dynamodb.AttributeType.STRING },
  });
  for (const index of directoryTable.globalIndexes) {
    directory.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
    });
  }
  new SyncStack(app, 'test-Sync', { stage: 'test', userPool, directoryTable: directory, logRetentionDays: 30 });
  app.synth();
  return outdir;
}

export interface SyncBackend {
  readonly appsync: LocalAppSync;
  readonly dynamo: DynamoDbLocal;
  readonly checkInTableName: string;
  /** Devices in the Directory table, which the sync API's device check reads. */
  readonly devices: DeviceRepository;
  /** Stores an active device that signs in as `cognitoUsername`, for facility `facility-1` unless given. */
  pairDevice(cognitoUsername: string, facility?: { tenantId: string; facilityId: string }): Promise<{ tenantId: string; deviceId: string }>;
  stop(): Promise<void>;
}

export async function startSyncBackend(userPoolId: string): Promise<SyncBackend> {
  const outdir = synthesizeSyncApp();
  const cdkOut = loadCdkOut(outdir);
  const dynamo = await startDynamoDbLocal(await freePort());
  try {
    await createTables(dynamo.endpoint, cdkOut.tables);
    const appsync = await startLocalAppSync({
      cdkOut,
      dynamoEndpoint: dynamo.endpoint,
      userPoolId,
      port: await freePort(),
    });
    const directoryTableName = appsync.api.dataSources.find((source) => source.name === 'DeviceDirectory')?.tableName;
    if (!directoryTableName) throw new Error('The sync API has no DeviceDirectory data source.');
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localCredentials }),
    );
    const devices = new DeviceRepository(documents, directoryTableName);
    return {
      appsync,
      dynamo,
      checkInTableName: modelTableName(appsync.api, 'CheckIn'),
      devices,
      async pairDevice(cognitoUsername, facility = { tenantId: 'tenant-1', facilityId: 'facility-1' }) {
        const deviceId = `device-${cognitoUsername.replace(/[^A-Za-z0-9-]/g, '-')}`;
        await devices.createDevice({
          ...facility,
          deviceId,
          cognitoUsername,
          status: 'active',
          pairedAt: new Date().toISOString(),
        });
        return { tenantId: facility.tenantId, deviceId };
      },
      async stop() {
        documents.destroy();
        await appsync.stop();
        await dynamo.stop();
        rmSync(outdir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
