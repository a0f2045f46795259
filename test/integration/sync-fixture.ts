import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
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

/** Synthesizes `test-Auth` (a user pool) and `test-Sync` into a new temporary cdk.out. */
export function synthesizeSyncApp(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'sync-cdk-out-'));
  const app = new App({ outdir });
  const auth = new Stack(app, 'test-Auth');
  const userPool = new cognito.UserPool(auth, 'UserPool');
  new SyncStack(app, 'test-Sync', { stage: 'test', userPool });
  app.synth();
  return outdir;
}

export interface SyncBackend {
  readonly appsync: LocalAppSync;
  readonly dynamo: DynamoDbLocal;
  readonly checkInTableName: string;
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
    return {
      appsync,
      dynamo,
      checkInTableName: modelTableName(appsync.api, 'CheckIn'),
      async stop() {
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
