import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { localCredentials, startCognitoLocal, type CognitoLocal } from '../../local/cognito';
import { localRegion } from '../../local/ports';
import { launchTestBrowser, type TestBrowser } from '../e2e/support/browser';
import { freePort, startSyncBackend, type SyncBackend } from './sync-fixture';

const username = 'kiosk-browser@example.invalid';
const password = 'Testa-Nominata-42!';

let cognito: CognitoLocal;
let backend: SyncBackend;
let pageServer: http.Server;
let pageOrigin: string;
let browser: TestBrowser;
let pageConfig: Record<string, unknown>;
const workDir = mkdtempSync(path.join(tmpdir(), 'sync-browser-'));

async function createUserPool(endpoint: string) {
  const client = new CognitoIdentityProviderClient({ endpoint, region: localRegion, credentials: localCredentials });
  const pool = await client.send(new CreateUserPoolCommand({ PoolName: 'sync-browser-test' }));
  const userPoolId = pool.UserPool!.Id!;
  const appClient = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'kiosk',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const created = await client.send(
    new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS' }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }),
  );
  client.destroy();
  return { userPoolId, userPoolClientId: appClient.UserPoolClient!.ClientId!, cognitoUsername: created.User?.Username ?? username };
}

/** Bundles the test page and serves it over plain HTTP on loopback (a secure context). */
async function servePage(): Promise<void> {
  await build({
    entryPoints: [path.join(__dirname, 'sync-page', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: path.join(workDir, 'main.js'),
    logLevel: 'error',
  });
  const html = '<!doctype html><meta charset="utf-8"><title>sync test</title><script type="module" src="/main.js"></script>';
  pageServer = http.createServer(async (request, response) => {
    if (request.url?.startsWith('/main.js')) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(await readFile(path.join(workDir, 'main.js')));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(html);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => pageServer.listen(port, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${port}`;
}

async function newContext(): Promise<BrowserContext> {
  return browser.newContext();
}

async function openPage(context: BrowserContext, downloadNothing = false): Promise<Page> {
  const page = await context.newPage();
  const config = encodeURIComponent(JSON.stringify({ ...pageConfig, downloadNothing }));
  await page.goto(`${pageOrigin}/?config=${config}`);
  await page.waitForFunction(() => (window as any).syncPageLoaded === true);
  return page;
}

async function scanCheckIns(): Promise<Record<string, any>[]> {
  const client = new DynamoDBClient({
    endpoint: backend.dynamo.endpoint,
    region: localRegion,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const result = await client.send(new ScanCommand({ TableName: backend.checkInTableName, ConsistentRead: true }));
  client.destroy();
  return (result.Items ?? []).map((item) => unmarshall(item));
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  cognito = await startCognitoLocal({ port: await freePort(), dataDir: path.join(workDir, 'cognito') });
  const pool = await createUserPool(cognito.endpoint);
  backend = await startSyncBackend(pool.userPoolId);
  await backend.pairDevice(pool.cognitoUsername);
  await servePage();
  pageConfig = {
    userPoolId: pool.userPoolId,
    userPoolClientId: pool.userPoolClientId,
    cognitoEndpoint: cognito.endpoint,
    graphqlUrl: backend.appsync.graphqlUrl,
    region: localRegion,
  };
  browser = await launchTestBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (pageServer ? pageServer.close(resolve) : resolve(undefined)));
  await backend?.stop();
  await cognito?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('DataStore against the local AppSync', () => {
  let savedId: string;

  test('offline save arrives once after reload', async () => {
    const context = await newContext();
    const page = await openPage(context);
    const sub = await page.evaluate(
      ([user, secret]) => (window as any).syncPage.signIn(user, secret),
      [username, password],
    );
    expect(sub).toBeTruthy();

    await context.setOffline(true);
    await page.evaluate(() => (window as any).syncPage.start());
    savedId = await page.evaluate(() => (window as any).syncPage.save('offline-save'));
    expect(await scanCheckIns()).toEqual([]);

    // Reloading offline fails to load the page, but the outbox stays in IndexedDB.
    await page.reload().catch(() => undefined);
    await context.setOffline(false);
    const reloaded = await openPage(context);
    await page.close();
    await reloaded.evaluate(() => (window as any).syncPage.start());

    const stored = await waitFor(
      async () => {
        const items = await scanCheckIns();
        return items.length > 0 ? items : undefined;
      },
      60_000,
      'the offline save in DynamoDB Local',
    );
    // Give a duplicate push the chance to show up before counting.
    await waitFor(async () => ((await reloaded.evaluate(() => (window as any).syncPage.isReady())) ? true : undefined), 30_000, 'DataStore ready');
    const items = await scanCheckIns();

    expect(stored[0]!.id).toBe(savedId);
    expect(items).toHaveLength(1);
    expect(items[0]!._version).toBe(1);
    expect(typeof items[0]!._lastChangedAt).toBe('number');
    expect(items[0]!.owner).toMatch(new RegExp(`^${sub}::`));
    await context.close();
  }, 120_000);

  test('full sync downloads own record', async () => {
    const context = await newContext();
    const page = await openPage(context);
    await page.evaluate(([user, secret]) => (window as any).syncPage.signIn(user, secret), [username, password]);
    await page.evaluate(() => (window as any).syncPage.start());
    await waitFor(async () => ((await page.evaluate(() => (window as any).syncPage.isReady())) ? true : undefined), 30_000, 'DataStore ready');

    expect(await page.evaluate(() => (window as any).syncPage.localCount())).toBe(1);
    expect(await page.evaluate(() => (window as any).syncPage.events())).toContain('subscriptionsEstablished');
    await context.close();
  }, 60_000);

  test('syncExpression downloads nothing', async () => {
    const context = await newContext();
    const page = await openPage(context, true);
    await page.evaluate(([user, secret]) => (window as any).syncPage.signIn(user, secret), [username, password]);
    await page.evaluate(() => (window as any).syncPage.start());
    await waitFor(async () => ((await page.evaluate(() => (window as any).syncPage.isReady())) ? true : undefined), 30_000, 'DataStore ready');

    expect(await page.evaluate(() => (window as any).syncPage.localCount())).toBe(0);
    expect(await scanCheckIns()).toHaveLength(1);
    await context.close();
  }, 60_000);
});
