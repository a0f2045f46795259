/**
 * KMS cost and latency of one guest register page: 50 entries of one facility, listed by the
 * tenant owner through the local API (gateway, JWT check, Lambda worker, DynamoDB Local, local
 * KMS). Writes `bench/out/kms.json` as `{ "kmsCallsPerPage": n, "pageLatencyRatio": r }`:
 *
 * - n: the highest number of KMS requests any measured page request made, the first one with a
 *   cold data key cache included.
 * - r: median latency of the page through the local API, divided by the median time of the raw
 *   DynamoDB Local query that reads the same 50 items, both measured in this run.
 *
 * It also writes `dynamoFloorRatio`, which has no target. It times the DynamoDB calls that the
 * page handler makes, sent straight from this process, against the same raw query. They are
 * the access check's BatchGetItem beside the page's query, then the audit record's PutItem,
 * which must be stored before decrypted names leave. The page's ratio cannot fall below this
 * one, apart from noise.
 *
 * Run it alone with `npx tsx bench/kms.ts`, or call `runKmsBench()` from the bench runner.
 */
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { facilityKey, FacilityRepository } from '../lambdas/facility/facility-repository';
import { AuditLog } from '../lambdas/guest-register/audit-log';
import { TenantRepository } from '../lambdas/organisation/tenant-repository';
import { TenantDataKeys } from '../lambdas/guest-pii/tenant-data-keys';
import { TenantKeys, tenantKeyAliasPrefix } from '../lambdas/guest-pii/tenant-keys';
import { guestFieldName } from '../lambdas/guest-pii/tenant-envelope';
import { retentionExpiry, type RegisterEntry } from '../lambdas/guest-register/register-entry';
import { facilityPartition, RegisterRepository } from '../lambdas/guest-register/register-repository';
import { startLocalSystem, type LocalSystem } from '../local/system';

export interface KmsBenchResult {
  readonly kmsCallsPerPage: number;
  readonly pageLatencyRatio: number;
  /** Median of the page handler's DynamoDB calls sent directly, divided by the raw query's; no target. */
  readonly dynamoFloorRatio: number;
}

export interface KmsBenchOptions {
  /** Directory that receives `kms.json`; default `bench/out` in the repository. */
  readonly outDir?: string;
  /** Entries on the page. */
  readonly pageSize?: number;
  /** Timed repetitions of the page request and of the raw query, after the warm-up rounds. */
  readonly samples?: number;
  readonly log?: (line: string) => void;
}

const benchFacilityId = 'bench-facility';
/** Untimed rounds first, so that JIT compilation and connection set-up stay out of the medians. */
const warmUpRounds = 10;

/** Starts the local system, measures the register page, writes `kms.json` and stops the system. */
export async function runKmsBench(options: KmsBenchOptions = {}): Promise<KmsBenchResult> {
  const outDir = options.outDir ?? path.join(__dirname, 'out');
  const pageSize = options.pageSize ?? 50;
  const samples = options.samples ?? 30;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));

  const system = await startLocalSystem({ purpose: 'test', seedDemoData: true });
  try {
    const result = await measure(system, pageSize, samples, log);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'kms.json'), `${JSON.stringify(result, null, 2)}\n`);
    log(`kms.json: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await system.stop();
  }
}

async function measure(
  system: LocalSystem,
  pageSize: number,
  samples: number,
  log: (line: string) => void,
): Promise<KmsBenchResult> {
  const env = system.environment;
  const clientConfig = {
    region: env.OS_REGION,
    credentials: { accessKeyId: env.OS_AWS_ACCESS_KEY_ID, secretAccessKey: env.OS_AWS_SECRET_ACCESS_KEY },
  };
  const dynamo = new DynamoDBClient({ ...clientConfig, endpoint: env.OS_DYNAMODB_ENDPOINT });
  const documents = DynamoDBDocumentClient.from(dynamo);
  const kms = new KMSClient({ ...clientConfig, endpoint: env.OS_KMS_ENDPOINT });
  try {
    const tenantId = env.OS_DEMO_TENANT_ID;
    await seedEntries({ documents, kms, env, tenantId, count: pageSize });
    const token = await operatorIdToken(env);
    const pageUrl = `${env.OS_API_URL}/register?facilityId=${benchFacilityId}&limit=${pageSize}`;

    // The first request meets a cold data key cache in a fresh Lambda worker.
    await resetKmsCalls(env.OS_KMS_ENDPOINT);
    await requestPage(pageUrl, token, pageSize);
    const coldCalls = await kmsCallCount(env.OS_KMS_ENDPOINT);

    const query = () =>
      documents.send(
        new QueryCommand({
          TableName: env.OS_REGISTER_TABLE,
          IndexName: 'byFacilityArrival',
          KeyConditionExpression: 'gsi1pk = :facility',
          ExpressionAttributeValues: { ':facility': facilityPartition(tenantId, benchFacilityId) },
          Limit: pageSize,
        }),
      );
    // The page handler's own DynamoDB calls, as list-register-entries.ts makes them.
    const tenants = new TenantRepository(documents, env.OS_DIRECTORY_TABLE);
    const audit = new AuditLog(documents, env.OS_AUDIT_TABLE);
    const operatorId = tokenSubject(token);
    const handlerCalls = async () => {
      const [, page] = await Promise.all([
        tenants.getTenantUserAnd(tenantId, operatorId, facilityKey(tenantId, benchFacilityId)),
        query(),
      ]);
      const entryIds = (page.Items ?? []).map((item) => String(item.entryId));
      await audit.record({ tenantId, userId: operatorId, action: 'view', disclosure: 'full', resource: 'register-list', entryIds });
    };

    for (let warmUp = 0; warmUp < warmUpRounds; warmUp += 1) {
      await requestPage(pageUrl, token, pageSize);
      await query();
      await handlerCalls();
    }

    // Page requests and raw queries alternate, so both meet the same load on a shared machine.
    const pageTimes: number[] = [];
    const queryTimes: number[] = [];
    const handlerCallTimes: number[] = [];
    let maxWarmCalls = 0;
    for (let sample = 0; sample < samples; sample += 1) {
      await resetKmsCalls(env.OS_KMS_ENDPOINT);
      pageTimes.push(await timed(() => requestPage(pageUrl, token, pageSize)));
      maxWarmCalls = Math.max(maxWarmCalls, await kmsCallCount(env.OS_KMS_ENDPOINT));
      queryTimes.push(await timed(query));
      handlerCallTimes.push(await timed(handlerCalls));
    }

    const pageMedian = median(pageTimes);
    const queryMedian = median(queryTimes);
    const handlerCallsMedian = median(handlerCallTimes);
    log(`page through local API: median ${pageMedian.toFixed(1)} ms; raw DynamoDB Local query: median ${queryMedian.toFixed(1)} ms`);
    log(`the page handler's DynamoDB calls sent directly (BatchGetItem beside the query, then the audit PutItem): median ${handlerCallsMedian.toFixed(1)} ms`);
    log(`KMS requests: ${coldCalls} for the cold page, at most ${maxWarmCalls} for warm pages`);
    return {
      kmsCallsPerPage: Math.max(coldCalls, maxWarmCalls),
      pageLatencyRatio: Number((pageMedian / queryMedian).toFixed(3)),
      dynamoFloorRatio: Number((handlerCallsMedian / queryMedian).toFixed(3)),
    };
  } finally {
    dynamo.destroy();
    kms.destroy();
  }
}

/** Writes `count` entries of two invented guests each, sealed with the same code ingest uses. */
async function seedEntries(input: {
  documents: DynamoDBDocumentClient;
  kms: KMSClient;
  env: Record<string, string>;
  tenantId: string;
  count: number;
}): Promise<void> {
  const { documents, env, tenantId } = input;
  await new FacilityRepository(documents, env.OS_DIRECTORY_TABLE).createFacility({
    tenantId,
    facilityId: benchFacilityId,
    name: 'ベンチハウス / Bench House',
    licenceType: 'private-lodging',
    licenceNumber: 'M130000009',
    address: '東京都架空区ベンチ町0-0 (架空 / fictitious)',
  });
  const dataKeys = new TenantDataKeys({
    kms: input.kms,
    documentClient: documents,
    registerTable: env.OS_REGISTER_TABLE,
    tenantKeys: new TenantKeys(input.kms, { stage: env.OS_STAGE, aliasPrefix: tenantKeyAliasPrefix(env.OS_STAGE) }),
  });
  const envelope = await dataKeys.envelopeForWrite(tenantId);
  const register = new RegisterRepository(documents, env.OS_REGISTER_TABLE);
  for (let index = 0; index < input.count; index += 1) {
    const entryId = randomUUID();
    const createdAt = new Date();
    const day = String((index % 28) + 1).padStart(2, '0');
    const guests = ['g1', 'g2'].map((guestId, guestIndex) => {
      const seal = (field: string, value: string) => envelope.encryptField(entryId, guestFieldName(guestId, field), value);
      return {
        guestId,
        hasAddressInJapan: true,
        name: seal('name', `ベンチ 太郎${index}-${guestIndex}`),
        address: seal('address', '東京都架空区ベンチ町0-0'),
        occupation: seal('occupation', '会社員'),
      };
    });
    const entry: RegisterEntry = {
      tenantId,
      entryId,
      facilityId: benchFacilityId,
      checkInId: randomUUID(),
      deviceId: 'bench-device',
      arrivalDate: `2026-05-${day}`,
      departureDate: `2026-06-${day}`,
      language: 'ja',
      consent: { acceptedAt: createdAt.toISOString(), language: 'ja' },
      guestCount: guests.length,
      keyPeriod: envelope.keyPeriod,
      guests,
      createdAt: createdAt.toISOString(),
      expiresAt: retentionExpiry(createdAt),
    };
    await register.createEntryOnce(entry);
  }
}

async function operatorIdToken(env: Record<string, string>): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    region: env.OS_REGION,
    endpoint: env.OS_COGNITO_ENDPOINT,
    credentials: { accessKeyId: env.OS_AWS_ACCESS_KEY_ID, secretAccessKey: env.OS_AWS_SECRET_ACCESS_KEY },
  });
  try {
    const result = await cognito.send(
      new InitiateAuthCommand({
        ClientId: env.OS_ADMIN_CLIENT_ID,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: env.OS_DEMO_OPERATOR_EMAIL, PASSWORD: env.OS_DEMO_OPERATOR_PASSWORD },
      }),
    );
    const token = result.AuthenticationResult?.IdToken;
    if (!token) throw new Error('cognito-local returned no ID token for the demo operator.');
    return token;
  } finally {
    cognito.destroy();
  }
}

/** Reads the Cognito `sub` of an ID token, the user id of the page handler's access check and audit record. */
function tokenSubject(idToken: string): string {
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8')) as { sub?: unknown };
  if (typeof payload.sub !== 'string') throw new Error('The demo operator\'s ID token has no sub claim.');
  return payload.sub;
}

async function requestPage(url: string, token: string, pageSize: number): Promise<void> {
  const response = await fetch(url, { headers: { authorization: token } });
  const body = (await response.json()) as { entries?: unknown[] };
  if (response.status !== 200 || body.entries?.length !== pageSize) {
    throw new Error(`Register page request failed: HTTP ${response.status} with ${body.entries?.length ?? 0} entries, expected ${pageSize}.`);
  }
}

async function resetKmsCalls(kmsEndpoint: string): Promise<void> {
  await fetch(`${kmsEndpoint}/__calls`, { method: 'DELETE' });
}

async function kmsCallCount(kmsEndpoint: string): Promise<number> {
  const counts = (await (await fetch(`${kmsEndpoint}/__calls`)).json()) as Record<string, number>;
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

if (require.main === module) {
  runKmsBench().catch((error: unknown) => {
    process.stderr.write(`KMS bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
