/**
 * Kiosk benchmark: writes `bench/out/kiosk.json` with
 * - `firstLoadJsGzipBytes`: the JavaScript that kiosk/dist/index.html loads at start (module
 *   scripts and modulepreloads), each gzipped at level 9, summed;
 * - `saveLocalMs`: the median time from the guest's consent to the sealed check-in being in
 *   DataStore's IndexedDB outbox, read from the kiosk's own User Timing measure;
 * - `drainRatio`: the time for `checkIns` check-ins saved offline to reach the CheckIn table
 *   after the network returns, divided by the time for the same number of direct GraphQL
 *   `createCheckIn` mutations sent one after another to reach it, both measured in this run.
 *   The direct mutations repeat DataStore's request. The kiosk's own code builds and seals
 *   their check-ins with the drained records' field values, so ingest (stream, KMS unwrap,
 *   register write) runs for both sides. The bench counts the table every 250 ms while either
 *   side runs, so both carry the same load of count scans on DynamoDB Local. It fails unless
 *   every check-in of both sides became a register entry. The direct side starts only after
 *   ingest of the drained ones has finished and the kiosk has wiped its synced store. Before
 *   either side, a small untimed drain and direct mutations warm the local system up;
 * - `registerDrainRatio`: the same two sides, each timed until the register contains all its
 *   entries, so both windows contain the ingest of all their check-ins (no target);
 * - `requestTiming`: for each side, its GraphQL requests from the page's Resource Timing: the
 *   median request and the median gap between a response and the next request (no target).
 * Targets: ≤ 250 KB, ≤ 100 ms, ≤ 1.5. Run it alone with `npx tsx bench/kiosk.ts`.
 */
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, ScanCommand as DocumentScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pairedDeviceSchema, type PairedDevice } from '../kiosk/src/device/paired-device';
import { PairingCodeRepository } from '../lambdas/device/pairing-codes';
import { FacilityRepository } from '../lambdas/facility/facility-repository';
import { RegisterRepository } from '../lambdas/guest-register/register-repository';
import { buildWebAppIfStale, repositoryRoot } from '../local/build-steps';
import { startLocalSystem, type LocalSystem } from '../local/system';
import { launchTestBrowser } from '../test/e2e/support/browser';
import { checkInResident } from '../test/e2e/support/kiosk-flow';
import {
  recordFirstCreateCheckIn,
  sealDirectCheckIns,
  sendMutationsFromPage,
  type DrainedCheckIn,
} from './kiosk-direct-check-ins';
import { recordRequestTiming, type RequestTiming } from './kiosk-request-timing';
import { watchKioskActivity } from './kiosk-page-activity';

export interface KioskBenchResult {
  firstLoadJsGzipBytes: number;
  saveLocalMs: number;
  drainRatio: number;
  /** Like `drainRatio`, but each side ends when the register contains all its entries; no target. */
  registerDrainRatio: number;
  /** Request and gap times of each side; no target. */
  requestTiming: { drain: RequestTiming; direct: RequestTiming };
}

export interface KioskBenchOptions {
  /** Check-ins saved offline, and direct mutations sent, for the drain ratio; default 500. */
  checkIns?: number;
  /** A running local system with demo data; without it the bench starts and stops its own. */
  system?: LocalSystem;
  /** Directory of `kiosk.json`; default bench/out. */
  outDir?: string;
  log?: (line: string) => void;
}

const drainTimeoutMs = 30 * 60_000;
/** How long ingest may take, after a side's check-ins are in the CheckIn table, to write their register entries. */
const ingestTimeoutMs = 10 * 60_000;
/** How long the kiosk page must send no request before the direct side starts. */
const kioskQuietMs = 2_000;
/** How long the kiosk may take to wipe its store after the drain, including a reload when `DataStore.clear()` hangs (30 s). */
const kioskSettleTimeoutMs = 2 * 60_000;
/**
 * Check-ins drained, then sent directly, before either side is timed. The local system starts
 * cold: DynamoDB Local's JVM compiles its hot code while it serves its first requests, and the
 * ingest worker starts on its first batch (bench/README.md). Without the warm-up the drain,
 * which runs first, pays for that alone.
 */
const warmUpDrainedCheckIns = 20;
const warmUpDirectMutations = 300;

/** Sums the gzipped size of the module scripts and modulepreloads that kiosk/dist/index.html names. */
export function measureFirstLoadJs(distDir = path.join(repositoryRoot, 'kiosk', 'dist')): number {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]);
  if (sources.length === 0) throw new Error(`${distDir}/index.html names no module script.`);
  return sources.reduce((total, source) => {
    const bytes = readFileSync(path.join(distDir, source.replace(/^\//, '')));
    return total + gzipSync(bytes, { level: 9 }).length;
  }, 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Measures the benchmark; see the file header for each figure. */
export async function runKioskBench(options: KioskBenchOptions = {}): Promise<KioskBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const checkIns = options.checkIns ?? 500;
  const outDir = options.outDir ?? path.join(repositoryRoot, 'bench', 'out');

  await buildWebAppIfStale('kiosk');
  const firstLoadJsGzipBytes = measureFirstLoadJs();
  log(`kiosk first-load JS: ${firstLoadJsGzipBytes} bytes gzipped`);

  const ownSystem = options.system === undefined;
  const system = options.system ?? (await startLocalSystem({ purpose: 'test', seedDemoData: true, log }));
  const env = system.environment;
  const credentials = { accessKeyId: env.OS_AWS_ACCESS_KEY_ID, secretAccessKey: env.OS_AWS_SECRET_ACCESS_KEY };
  const dynamo = new DynamoDBClient({ endpoint: env.OS_DYNAMODB_ENDPOINT, region: env.OS_REGION, credentials });
  const browser = await launchTestBrowser();

  try {
    const facilityId = `bench-${randomUUID()}`;
    const directory = DynamoDBDocumentClient.from(dynamo);
    await new FacilityRepository(directory, env.OS_DIRECTORY_TABLE).createFacility({
      tenantId: env.OS_DEMO_TENANT_ID,
      facilityId,
      name: 'ベンチハウス / Bench House',
      licenceType: 'private-lodging',
      licenceNumber: 'M000000000',
      address: '架空県架空市1-1 (架空 / fictitious)',
    });
    const pairing = await new PairingCodeRepository(directory, env.OS_DIRECTORY_TABLE).createPairingCode({
      tenantId: env.OS_DEMO_TENANT_ID,
      facilityId,
      createdBy: 'bench',
    });

    const countCheckIns = async (): Promise<number> => {
      let count = 0;
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await dynamo.send(
          new ScanCommand({
            TableName: env.OS_CHECKIN_TABLE,
            FilterExpression: 'facilityId = :facilityId',
            ExpressionAttributeValues: { ':facilityId': { S: facilityId } },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    };
    const readOneCheckIn = async (): Promise<DrainedCheckIn> => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const result = await directory.send(
          new DocumentScanCommand({
            TableName: env.OS_CHECKIN_TABLE,
            FilterExpression: 'facilityId = :facilityId',
            ExpressionAttributeValues: { ':facilityId': facilityId },
            ExclusiveStartKey: startKey,
          }),
        );
        const item = result.Items?.[0];
        if (item) return item as DrainedCheckIn;
        startKey = result.LastEvaluatedKey;
      } while (startKey);
      throw new Error(`No check-in of facility ${facilityId} in the CheckIn table after the drain.`);
    };
    const register = new RegisterRepository(directory, env.OS_REGISTER_TABLE);
    const countRegisterEntries = (): Promise<number> =>
      register.countByFacilityArrival({ tenantId: env.OS_DEMO_TENANT_ID, facilityId, from: '0000-01-01', to: '9999-12-31' });
    // Fails the bench unless every check-in of both sides became a register entry (宿泊者名簿).
    // Returns the `performance.now()` at which the register contained them.
    const waitForRegisterEntries = async (expected: number, description: string): Promise<number> => {
      const waitStart = performance.now();
      const deadline = Date.now() + ingestTimeoutMs;
      let count = await countRegisterEntries();
      while (count < expected) {
        if (Date.now() > deadline) {
          throw new Error(`Timed out after ${ingestTimeoutMs} ms waiting for register entries of ${description}: ${count} of ${expected} entries found.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
        count = await countRegisterEntries();
      }
      if (count > expected) throw new Error(`Expected ${expected} register entries for the bench facility, found ${count}.`);
      const heldAt = performance.now();
      log(`register contains ${count} entries, ${(heldAt - waitStart).toFixed(0)} ms after the CheckIn table held ${description}`);
      return heldAt;
    };
    const signInDevice = async (device: PairedDevice): Promise<string> => {
      const cognito = new CognitoIdentityProviderClient({ endpoint: env.OS_COGNITO_ENDPOINT, region: env.OS_REGION, credentials });
      try {
        const signIn = await cognito.send(
          new InitiateAuthCommand({
            ClientId: env.OS_KIOSK_CLIENT_ID,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: device.username, PASSWORD: device.password },
          }),
        );
        const idToken = signIn.AuthenticationResult?.IdToken;
        if (!idToken) throw new Error('The bench device could not sign in for the direct mutations.');
        return idToken;
      } finally {
        cognito.destroy();
      }
    };
    const waitForCheckIns = async (expected: number, description: string, signal?: AbortSignal): Promise<void> => {
      const deadline = Date.now() + drainTimeoutMs;
      while ((await countCheckIns()) < expected) {
        if (Date.now() > deadline) throw new Error(`Timed out after ${drainTimeoutMs} ms waiting for ${description}.`);
        if (signal?.aborted) throw new Error(`Stopped waiting for ${description}.`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.OS_KIOSK_URL}/?pairingCode=${pairing.code}`);
    await page.locator('[data-testid="status-online"][data-online="true"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });

    // Runs both paths untimed, as the timed sides run them, and returns how many check-ins of
    // the facility the CheckIn table and the register then contain.
    const warmUp = async (): Promise<number> => {
      await context.setOffline(true);
      await page.locator('[data-testid="status-online"][data-online="false"]').waitFor();
      for (let index = 0; index < warmUpDrainedCheckIns; index += 1) {
        await checkInResident(page, { name: `Warm-up Guest ${index}`, address: '1-2-3 Kasou, Fictional City', occupation: 'Tester' });
      }
      await page.evaluate(() => performance.clearMeasures('check-in-save-local'));
      const stopRecording = recordFirstCreateCheckIn(page, env.OS_GRAPHQL_URL);
      await context.setOffline(false);
      await waitForCheckIns(warmUpDrainedCheckIns, `${warmUpDrainedCheckIns} warm-up check-ins in the CheckIn table`);
      await waitForRegisterEntries(warmUpDrainedCheckIns, `the ${warmUpDrainedCheckIns} warm-up check-ins`);
      const activity = watchKioskActivity(page);
      await activity.waitUntilSettled(kioskQuietMs, kioskSettleTimeoutMs);
      activity.stop();

      const datastoreRequest = stopRecording();
      const device = pairedDeviceSchema.parse(JSON.parse((await page.evaluate(() => localStorage.getItem('open-sesame.kiosk.device'))) ?? '{}'));
      const variables = await sealDirectCheckIns({
        device,
        drained: await readOneCheckIn(),
        datastoreRequest,
        count: warmUpDirectMutations,
        // Far from the timed sides' numbers, so that no two check-ins name the same guest.
        firstGuestNumber: 100_000,
      });
      const failures = await sendMutationsFromPage(page, {
        graphqlUrl: env.OS_GRAPHQL_URL,
        idToken: await signInDevice(device),
        query: datastoreRequest.query,
        variables,
      });
      if (failures.length > 0) throw new Error(`${failures.length} warm-up mutations failed, first: ${failures[0]}`);
      const total = warmUpDrainedCheckIns + warmUpDirectMutations;
      await waitForCheckIns(total, `${total} warm-up check-ins in the CheckIn table`);
      await waitForRegisterEntries(total, `the ${warmUpDirectMutations} direct warm-up check-ins`);
      return total;
    };

    const warmUpCount = await warmUp();
    log(`warmed up the local system with ${warmUpCount} check-ins`);

    // Offline, so that every check-in waits in the outbox and the drain starts from one moment.
    await context.setOffline(true);
    await page.locator('[data-testid="status-online"][data-online="false"]').waitFor();
    for (let index = 0; index < checkIns; index += 1) {
      await checkInResident(page, { name: `Bench Guest ${index}`, address: '1-2-3 Kasou, Fictional City', occupation: 'Tester' });
      if ((index + 1) % 50 === 0) log(`saved ${index + 1}/${checkIns} check-ins offline`);
    }
    const saveDurations = await page.evaluate(() =>
      performance.getEntriesByName('check-in-save-local', 'measure').map((entry) => entry.duration),
    );
    if (saveDurations.length !== checkIns) {
      throw new Error(`Expected ${checkIns} check-in-save-local measures, found ${saveDurations.length}.`);
    }
    const saveLocalMs = median(saveDurations);
    log(`save to local outbox: median ${saveLocalMs.toFixed(1)} ms`);

    const stopRecordingRequest = recordFirstCreateCheckIn(page, env.OS_GRAPHQL_URL);
    const readDrainTiming = await recordRequestTiming(page, env.OS_GRAPHQL_URL);
    const drainStart = performance.now();
    await context.setOffline(false);
    await waitForCheckIns(warmUpCount + checkIns, `${checkIns} offline check-ins in the CheckIn table`);
    const drainMs = performance.now() - drainStart;
    log(`offline drain of ${checkIns}: ${drainMs.toFixed(0)} ms`);
    const drainTiming = await readDrainTiming();
    log(`drain requests: ${JSON.stringify(drainTiming)}`);
    const kioskActivity = watchKioskActivity(page);
    // Ingest of the drained check-ins finishes before the direct side starts, so that neither
    // side runs beside the other's ingest.
    const drainRegisterMs = (await waitForRegisterEntries(warmUpCount + checkIns, `the ${checkIns} drained check-ins`)) - drainStart;
    await kioskActivity.waitUntilSettled(kioskQuietMs, kioskSettleTimeoutMs);
    kioskActivity.stop();
    log('kiosk wiped its synced store after the drain');

    // The direct side sends what DataStore sent: its createCheckIn document, the same stored
    // fields and real sealed payloads, so that ingest runs for these check-ins as it did for
    // the drained ones. Sealing happens before timing, as the kiosk sealed before going online.
    const datastoreRequest = stopRecordingRequest();
    const device = pairedDeviceSchema.parse(
      JSON.parse((await page.evaluate(() => localStorage.getItem('open-sesame.kiosk.device'))) ?? '{}'),
    );
    const variables = await sealDirectCheckIns({
      device,
      drained: await readOneCheckIn(),
      datastoreRequest,
      count: checkIns,
      firstGuestNumber: warmUpCount + checkIns,
    });
    const idToken = await signInDevice(device);
    log(`sealed ${checkIns} check-ins for the direct mutations`);

    // Counting starts with the mutations, as it starts with the drain, because each count scans
    // the whole table. In two runs of 200 on the 2-core development machine, mutations sent while
    // it counted took 1.17 and 1.45 times as long, so counting only afterwards favours this side.
    const readDirectTiming = await recordRequestTiming(page, env.OS_GRAPHQL_URL);
    const directStart = performance.now();
    const counting = new AbortController();
    const arrival = waitForCheckIns(warmUpCount + 2 * checkIns, `${checkIns} direct mutations in the CheckIn table`, counting.signal);
    // Marks a timeout as handled until the `await arrival` below, so that it cannot end the process early.
    arrival.catch(() => undefined);
    const stopCounting = async (): Promise<void> => {
      counting.abort();
      await arrival.catch(() => undefined);
    };
    const failures = await sendMutationsFromPage(page, {
      graphqlUrl: env.OS_GRAPHQL_URL,
      idToken,
      query: datastoreRequest.query,
      variables,
    }).catch(async (error: unknown) => {
      await stopCounting();
      throw error;
    });
    if (failures.length > 0) {
      await stopCounting();
      throw new Error(`${failures.length} direct mutations failed, first: ${failures[0]}`);
    }
    await arrival;
    const directMs = performance.now() - directStart;
    log(`direct mutations of ${checkIns}: ${directMs.toFixed(0)} ms`);
    const directTiming = await readDirectTiming();
    log(`direct requests: ${JSON.stringify(directTiming)}`);
    const directRegisterMs = (await waitForRegisterEntries(warmUpCount + 2 * checkIns, `the ${checkIns} direct check-ins`)) - directStart;
    log(`register contained the drained check-ins after ${drainRegisterMs.toFixed(0)} ms and the direct ones after ${directRegisterMs.toFixed(0)} ms`);

    const result: KioskBenchResult = {
      firstLoadJsGzipBytes,
      saveLocalMs: Math.round(saveLocalMs * 10) / 10,
      drainRatio: Math.round((drainMs / directMs) * 100) / 100,
      registerDrainRatio: Math.round((drainRegisterMs / directRegisterMs) * 100) / 100,
      requestTiming: { drain: drainTiming, direct: directTiming },
    };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'kiosk.json'), `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${path.join(outDir, 'kiosk.json')}: ${JSON.stringify(result)}`);
    await context.close();
    return result;
  } finally {
    await browser.close();
    dynamo.destroy();
    if (ownSystem) await system.stop();
  }
}

if (require.main === module) {
  runKioskBench().catch((error: unknown) => {
    console.error('Kiosk bench failed', error);
    process.exit(1);
  });
}
