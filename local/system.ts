/**
 * The whole OPEN SESAME! back end and both web apps on loopback, built from the synthesized
 * dev stage in cdk.out. `npm start` (local/start.ts) and the integration and e2e tests
 * (test/support/global-setup.ts) start it with `startLocalSystem`.
 *
 * `LocalSystem.environment` exports every value a test or tool needs:
 *
 * | variable | value |
 * |---|---|
 * | OS_STAGE, OS_REGION | `dev`, `ap-northeast-1` |
 * | OS_AWS_ACCESS_KEY_ID, OS_AWS_SECRET_ACCESS_KEY | dummy credentials every emulator accepts (s3rver checks signatures against them) |
 * | OS_DYNAMODB_ENDPOINT, OS_KMS_ENDPOINT, OS_COGNITO_ENDPOINT, OS_SES_ENDPOINT, OS_S3_ENDPOINT | emulator endpoints, `http://127.0.0.1:<port>` |
 * | OS_API_URL | local API gateway (HTTP API routes of cdk.out) |
 * | OS_GRAPHQL_URL | AppSync simulator over HTTPS (self-signed certificate from local/tls.ts) |
 * | OS_KIOSK_URL, OS_ADMIN_URL, OS_MAILBOX_URL | kiosk (HTTPS), admin-web, and the page that lists sent mail |
 * | OS_USER_POOL_ID, OS_ADMIN_CLIENT_ID, OS_KIOSK_CLIENT_ID, OS_TOKEN_ISSUER | cognito-local pool, app clients and the `iss` of its tokens |
 * | OS_DIRECTORY_TABLE, OS_REGISTER_TABLE, OS_AUDIT_TABLE, OS_CHECKIN_TABLE | DynamoDB Local table names |
 * | OS_IMAGES_BUCKET | guest images bucket in s3rver |
 * | OS_KIOSK_SEALING_KEY_ID | key id in the local KMS endpoint |
 * | OS_TENANT_KEY_ALIAS_PREFIX | alias prefix of the per-tenant PII keys, which ingest creates on a tenant's first check-in |
 * | OS_DEMO_TENANT_ID, OS_DEMO_FACILITY_ID, OS_DEMO_OPERATOR_EMAIL, OS_DEMO_OPERATOR_PASSWORD, OS_DEMO_PAIRING_CODE | demo seed (only with `seedDemoData`) |
 * | OS_STATE_DIR | directory of the emulators' files for this run |
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWebAppIfStale, repositoryRoot, synthesizeIfStale } from './build-steps';
import { startLocalAppSync } from './appsync';
import { createTables, loadCdkOut, type CdkOut, type LocalTable } from './cdk-out';
import { IntrinsicResolver, readAssemblyStacks, type AssemblyStack } from './cloud-assembly';
import { createUserPoolFromAssembly, localCredentials, startCognitoLocal, type CodeDelivery, type LocalUserPool } from './cognito';
import { applyPoolMfaConfiguration } from './cognito-mfa';
import { startDynamoDbLocal } from './dynamodb-local';
import { startLocalKms } from './kms';
import {
  authorizerIssuerDomain,
  createKeysFromAssembly,
  createPhysicalValueLookup,
  localBucketNames,
} from './local-resources';
import { assertPortFree } from './ports-check';
import { localPorts, localRegion } from './ports';
import { startS3Local } from './s3';
import { seedDemoData, type DemoData } from './seed';
import { tenantKeyAliasPrefix } from '../lambdas/guest-pii/tenant-key-names';
import { startSesLocal } from './ses';
import { prepareDevStateDir } from './state-dir';
import { startApiAndIngest } from './serverless-backend';
import { startWebApps } from './web-apps';

export interface LocalSystem {
  readonly urls: {
    readonly kiosk: string;
    /** Kiosk URL that pairs the tablet on first open; undefined without demo data. */
    readonly kioskPairing?: string;
    readonly admin: string;
    readonly api: string;
    readonly graphql: string;
    readonly mailbox: string;
    readonly dynamodb: string;
    readonly kms: string;
    readonly cognito: string;
    readonly ses: string;
    readonly s3: string;
  };
  /** Demo tenant, facility, operator sign-in and pairing code; undefined without demo data. */
  readonly demo?: DemoData;
  readonly environment: Record<string, string>;
  /**
   * The API gateway with the Lambda runtime and stream poller, and the AppSync simulator. Tests
   * stop and start them to take the back end away from a kiosk. The emulators and their data
   * stay, and the services come back on the same ports.
   */
  readonly backend: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

export interface StartLocalSystemOptions {
  /** `test` moves every port up by 100 and uses a fresh temporary state directory. */
  readonly purpose: 'dev' | 'test';
  readonly seedDemoData: boolean;
  /** Progress and service log lines; default none. */
  readonly log?: (line: string) => void;
  /**
   * Every line the emulator child processes print (DynamoDB Local, cognito-local), for tests
   * that scan service output; default none. Handler and gateway lines go to `log`.
   */
  readonly serviceLog?: (line: string) => void;
  /** Receives the codes that cognito-local prints instead of mailing them; default none. */
  readonly onCodeDelivery?: (delivery: CodeDelivery) => void;
}

/** Port offset of `purpose: 'test'`, so tests run beside a running `npm start`. */
const testPortOffset = 100;

type Ports = { -readonly [Name in keyof typeof localPorts]: number };

const portServiceNames: Readonly<Record<keyof Ports, string>> = {
  dynamodb: 'DynamoDB Local',
  kms: 'the local KMS endpoint',
  cognito: 'cognito-local',
  ses: 'the local SES',
  s3: 's3rver',
  appsync: 'the AppSync simulator',
  appsyncWebSocket: 'the AppSync realtime endpoint',
  api: 'the local API gateway',
  kiosk: 'the kiosk web server',
  admin: 'the admin-web server',
};

/**
 * Starts every service, in parallel where they do not depend on each other, and stops those
 * already started when one fails. Each service's start time is logged.
 */
export async function startLocalSystem(options: StartLocalSystemOptions): Promise<LocalSystem> {
  const log = options.log ?? (() => undefined);
  const ports = Object.fromEntries(
    Object.entries(localPorts).map(([name, port]) => [name, options.purpose === 'test' ? port + testPortOffset : port]),
  ) as Ports;
  // Every port first: a second `npm start` with the same offset must fail before it empties the
  // state directory that the running one still uses. Another offset has a directory of its own.
  await Promise.all(Object.entries(ports).map(([name, port]) => assertPortFree(port, portServiceNames[name as keyof Ports])));
  const stateDir = prepareStateDir(options.purpose);
  const stoppers: { name: string; stop: () => Promise<void> }[] = [];
  const started = Date.now();

  const timed = async <T>(name: string, start: () => Promise<T>): Promise<T> => {
    const begin = Date.now();
    log(`… ${name}`);
    const result = await start();
    log(`✓ ${name} (${((Date.now() - begin) / 1000).toFixed(1)} s)`);
    return result;
  };
  const service = async <T extends { stop(): Promise<void> }>(name: string, start: () => Promise<T>): Promise<T> => {
    const running = await timed(name, start);
    stoppers.push({ name, stop: () => running.stop() });
    return running;
  };
  const stopAll = async () => {
    for (const { name, stop } of stoppers.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`Stopping ${name} failed: ${String(error)}`);
      }
    }
    stoppers.length = 0;
    // Local S3 keeps register exports as plain files, without the bucket's 1-day expiry, and the
    // next start discards the data anyway.
    rmSync(stateDir, { recursive: true, force: true });
  };

  const kioskOrigins = [`https://localhost:${ports.kiosk}`, `https://127.0.0.1:${ports.kiosk}`];
  const adminOrigins = [`http://localhost:${ports.admin}`, `http://127.0.0.1:${ports.admin}`];

  try {
    // Phase 1: everything that needs neither cdk.out nor another service.
    const synthesis = timed('CDK synth (dev stage)', async () => {
      const ran = await synthesizeIfStale();
      if (!ran) log('  cdk.out is newer than bin/, lib/ and lambdas/: synth skipped');
    });
    const webBuilds = ['kiosk', 'admin-web'].map((app) =>
      timed(`${app} build`, async () => {
        const ran = await buildWebAppIfStale(app as 'kiosk' | 'admin-web');
        if (!ran) log(`  ${app}/dist is newer than its sources: build skipped`);
      }),
    );
    const [dynamo, kms, ses] = await Promise.all([
      service('DynamoDB Local', () => startDynamoDbLocal(ports.dynamodb, options.serviceLog)),
      service('KMS endpoint', async () => {
        await assertPortFree(ports.kms, 'the local KMS endpoint');
        return startLocalKms({ port: ports.kms, dataDir: path.join(stateDir, 'kms') });
      }),
      service('SES (aws-ses-v2-local)', () => startSesLocal(ports.ses)),
      synthesis,
    ]);

    // Phase 2: what cdk.out describes.
    const stacks = readAssemblyStacks(path.join(repositoryRoot, 'cdk.out'));
    const cdkOut = loadCdkOut(path.join(repositoryRoot, 'cdk.out'));
    const issuerDomain = authorizerIssuerDomain(stacks, (stack, value, lookup) =>
      new IntrinsicResolver(stacks, lookup).resolveString(stack, value, 'JwtConfiguration.Issuer'),
    );
    const [cognito, , keyIds] = await Promise.all([
      service('cognito-local', () =>
        startCognitoLocal({
          port: ports.cognito,
          dataDir: path.join(stateDir, 'cognito'),
          issuerDomain,
          log: options.serviceLog,
          onCodeDelivery: options.onCodeDelivery,
        }),
      ),
      timed('DynamoDB tables', () => createTables(dynamo.endpoint, cdkOut.tables)),
      timed('KMS keys', () => createKeysFromAssembly(kms.endpoint, stacks)),
      service('S3 (s3rver)', () =>
        startS3Local({
          port: ports.s3,
          dataDir: path.join(stateDir, 's3'),
          buckets: localBucketNames(stacks),
          allowedOrigins: [...kioskOrigins, ...adminOrigins],
        }),
      ),
    ]);
    const userPool = await timed('Cognito user pool', () => createUserPoolFromAssembly(cognito.endpoint, stacks));
    await applyPoolMfaConfiguration(cognito.endpoint, stacks, userPool.userPoolId);

    // Phase 3: the API, the stream consumer, AppSync and the web apps.
    const resolver = new IntrinsicResolver(
      stacks,
      createPhysicalValueLookup({ stacks, tables: cdkOut.tables, keyIds, userPool, nestedStackOutput: cdkOut.nestedStackOutput }),
    );
    const s3Endpoint = `http://127.0.0.1:${ports.s3}`;
    const runtimeEnvironment = {
      AWS_REGION: localRegion,
      AWS_DEFAULT_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_KMS: kms.endpoint,
      AWS_ENDPOINT_URL_S3: s3Endpoint,
      AWS_ENDPOINT_URL_SES: ses.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      NODE_OPTIONS: '--enable-source-maps',
      ADMIN_WEB_URL: `http://localhost:${ports.admin}`,
    };
    const checkInTable = findCheckInTable(cdkOut);
    const streamTableNameOf = streamTableResolver(cdkOut, checkInTable);
    const startBackendServices = () => Promise.all([
      timed('API gateway, Lambda runtime and stream poller', () =>
        startApiAndIngest({
          stacks,
          resolver,
          runtimeEnvironment,
          apiPort: ports.api,
          allowedOrigins: [...kioskOrigins, ...adminOrigins],
          jwksUrlOf: (issuer) => cognito.jwksUrl(issuer.slice(issuer.lastIndexOf('/') + 1)),
          dynamoEndpoint: dynamo.endpoint,
          streamTableNameOf,
          log,
        }),
      ),
      timed('AppSync simulator', () =>
        startLocalAppSync({ cdkOut, dynamoEndpoint: dynamo.endpoint, userPoolId: userPool.userPoolId, port: ports.appsync }),
      ),
    ]);
    let backendServices: Awaited<ReturnType<typeof startBackendServices>> | undefined = await startBackendServices();
    const stopBackendServices = async () => {
      const running = backendServices;
      backendServices = undefined;
      if (running) await Promise.all(running.map((runningService) => runningService.stop()));
    };
    stoppers.push({ name: 'API gateway, Lambda runtime, stream poller and AppSync simulator', stop: stopBackendServices });
    const [backend, appSync] = backendServices;
    // The browser accepts the self-signed certificate per host name: use the kiosk's (localhost).
    const graphqlUrl = appSync.graphqlUrl.replace('://127.0.0.1:', '://localhost:');
    const appConfig = {
      stage: 'dev',
      region: localRegion,
      apiUrl: backend.apiUrl,
      graphqlUrl,
      userPoolId: userPool.userPoolId,
      cognitoEndpoint: cognito.endpoint,
    };
    await Promise.all(webBuilds);
    const web = await service('kiosk and admin-web servers', () =>
      startWebApps({
        kioskPort: ports.kiosk,
        adminPort: ports.admin,
        kioskConfig: { ...appConfig, userPoolClientId: clientIdFor(userPool, 'kiosk') },
        adminConfig: { ...appConfig, userPoolClientId: clientIdFor(userPool, 'admin') },
        log,
      }),
    );

    // Phase 4: demo data.
    const tableName = (id: string) => tableNamed(cdkOut.tables, id);
    const demo = options.seedDemoData
      ? await timed('Demo data', () =>
          seedDemoData({
            dynamoEndpoint: dynamo.endpoint,
            cognitoEndpoint: cognito.endpoint,
            directoryTable: tableName('Directory'),
            userPoolId: userPool.userPoolId,
          }),
        )
      : undefined;

    log(`Local system ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const urls = {
      kiosk: web.kioskUrl,
      kioskPairing: demo ? `${web.kioskUrl}/?pairingCode=${demo.pairingCode}` : undefined,
      admin: web.adminUrl,
      api: backend.apiUrl,
      graphql: graphqlUrl,
      mailbox: ses.mailboxUrl,
      dynamodb: dynamo.endpoint,
      kms: kms.endpoint,
      cognito: cognito.endpoint,
      ses: ses.endpoint,
      s3: s3Endpoint,
    };
    const keyIdOf = (logicalPrefix: string) => keyIdNamed(keyIds, logicalPrefix);
    const environment: Record<string, string> = {
      OS_STAGE: 'dev',
      OS_REGION: localRegion,
      OS_AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      OS_AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      OS_DYNAMODB_ENDPOINT: dynamo.endpoint,
      OS_KMS_ENDPOINT: kms.endpoint,
      OS_COGNITO_ENDPOINT: cognito.endpoint,
      OS_SES_ENDPOINT: ses.endpoint,
      OS_S3_ENDPOINT: s3Endpoint,
      OS_API_URL: backend.apiUrl,
      OS_GRAPHQL_URL: graphqlUrl,
      OS_KIOSK_URL: web.kioskUrl,
      OS_ADMIN_URL: web.adminUrl,
      OS_MAILBOX_URL: ses.mailboxUrl,
      OS_USER_POOL_ID: userPool.userPoolId,
      OS_ADMIN_CLIENT_ID: clientIdFor(userPool, 'admin'),
      OS_KIOSK_CLIENT_ID: clientIdFor(userPool, 'kiosk'),
      OS_TOKEN_ISSUER: cognito.issuer(userPool.userPoolId),
      OS_DIRECTORY_TABLE: tableName('Directory'),
      OS_REGISTER_TABLE: tableName('Register'),
      OS_AUDIT_TABLE: tableName('Audit'),
      OS_CHECKIN_TABLE: checkInTable.createTableInput.TableName,
      OS_IMAGES_BUCKET: resolver.resolveString(...imagesBucketReference(stacks)),
      OS_TENANT_KEY_ALIAS_PREFIX: tenantKeyAliasPrefix('dev'),
      OS_KIOSK_SEALING_KEY_ID: keyIdOf('KioskSealingKey'),
      OS_STATE_DIR: stateDir,
    };
    if (demo) {
      Object.assign(environment, {
        OS_DEMO_TENANT_ID: demo.tenantId,
        OS_DEMO_FACILITY_ID: demo.facilityId,
        OS_DEMO_OPERATOR_EMAIL: demo.operatorEmail,
        OS_DEMO_OPERATOR_PASSWORD: demo.operatorPassword,
        OS_DEMO_PAIRING_CODE: demo.pairingCode,
      });
    }
    let stopping: Promise<void> | undefined;
    const backendControl = {
      stop: stopBackendServices,
      start: async () => {
        if (backendServices) return;
        backendServices = await startBackendServices();
      },
    };
    return { urls, demo, environment, backend: backendControl, stop: () => (stopping ??= stopAll()) };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Creates the state directory: a fresh temporary one for tests, the offset's own (emptied) for dev. */
function prepareStateDir(purpose: 'dev' | 'test'): string {
  if (purpose === 'test') return mkdtempSync(path.join(os.tmpdir(), 'open-sesame-test-'));
  return prepareDevStateDir();
}

/** Returns the id of the app client whose logical id names the app (`KioskClient…` or `AdminWebClient…`). */
function clientIdFor(userPool: LocalUserPool, app: 'kiosk' | 'admin'): string {
  const pattern = app === 'kiosk' ? /kiosk/i : /admin/i;
  const match = [...userPool.clientIdsByLogicalId].find(([logicalId]) => pattern.test(logicalId));
  if (!match) throw new Error(`The synthesized user pool has no ${app} app client (logical id containing "${app}").`);
  return match[1];
}

/** Local name of the product table whose logical id starts with `id` (lib/data/tables.ts ids). */
function tableNamed(tables: readonly LocalTable[], id: string): string {
  const table = tables.find((candidate) => candidate.logicalId.startsWith(id));
  if (!table) throw new Error(`cdk.out has no table with a logical id starting with ${id}.`);
  return table.createTableInput.TableName;
}

function keyIdNamed(keyIds: ReadonlyMap<string, string>, logicalPrefix: string): string {
  const match = [...keyIds].find(([key]) => key.split('/')[1]?.startsWith(logicalPrefix));
  if (!match) throw new Error(`cdk.out has no KMS key with a logical id starting with ${logicalPrefix}.`);
  return match[1];
}

/** Arguments for resolving the images bucket's Ref, so the name matches what handlers receive. */
function imagesBucketReference(stacks: readonly AssemblyStack[]): [AssemblyStack, unknown, string] {
  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type === 'AWS::S3::Bucket' && /images/i.test(logicalId)) return [stack, { Ref: logicalId }, logicalId];
    }
  }
  throw new Error('cdk.out has no S3 bucket with "images" in its logical id.');
}

/**
 * Returns the resolver of an event source mapping's table. A mapping on a table of a top-level
 * stack imports the export `...GetAtt<table logical id>StreamArn...`, which names the table. The
 * CheckIn table's stream comes out of a nested stack under another export name, so a mapping
 * that names no table with a stream reads the CheckIn table.
 */
function streamTableResolver(cdkOut: CdkOut, checkInTable: LocalTable): (eventSourceArn: unknown) => string {
  const streamTables = cdkOut.tables.filter((table) => table.createTableInput.StreamSpecification && table !== checkInTable);
  return (eventSourceArn) => {
    const reference = JSON.stringify(eventSourceArn ?? null);
    const named = streamTables.find((table) => reference.includes(`GetAtt${table.logicalId}StreamArn`));
    return (named ?? checkInTable).createTableInput.TableName;
  };
}

/**
 * The AppSync CheckIn table, whose stream the ingest function consumes.
 * NOTE: the event source mapping names the stream through an export of a nested stack output,
 * which local/cloud-assembly.ts does not resolve, so the table is picked by its logical id.
 */
function findCheckInTable(cdkOut: CdkOut): LocalTable {
  const candidates = cdkOut.tables.filter(
    (table) => table.createTableInput.StreamSpecification && /^CheckInTable/.test(table.logicalId),
  );
  if (candidates.length !== 1) {
    throw new Error(`Expected one CheckIn table with a stream in cdk.out, found ${candidates.length}.`);
  }
  return candidates[0];
}
