import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { guestFieldName } from '../lambdas/guest-pii/tenant-envelope';
import { TenantDataKeys } from '../lambdas/guest-pii/tenant-data-keys';
import { TenantKeys } from '../lambdas/guest-pii/tenant-keys';
import { retentionExpiry } from '../lambdas/guest-register/register-entry';
import { facilityPartition } from '../lambdas/guest-register/register-repository';
import { region, startHandlerEmulators } from '../test/integration/support/handler-emulators';

/** Lambda memory the register export must stay under, in MB. */
export const exportMemoryLimitMb = 256;

export interface RegisterExportBenchResult {
  readonly name: 'register-export';
  readonly entries: number;
  readonly rows: number;
  /** Maximum resident set size of the process that ran the export, as the Lambda would report it. */
  readonly peakRssMb: number;
  /** Largest V8 heap in use, sampled every 20 ms during the export. */
  readonly peakHeapUsedMb: number;
  readonly limitMb: number;
  readonly withinLimit: boolean;
  readonly exportSeconds: number;
  readonly node: string;
}

const tenantId = 'tenant-bench';
const facilityId = 'facility-bench';

/**
 * Measures the peak memory of the 宿泊者名簿 CSV export for `entries` stays of two invented
 * guests each. The stays are written straight into DynamoDB Local with every PII field encrypted.
 * Then a fresh Node process, as a Lambda container would be, runs the export against DynamoDB
 * Local, the local KMS endpoint and s3rver, and reports its maximum RSS. Writes the result to
 * bench/out/register-export.json and returns it.
 *
 * Run alone with `npx tsx bench/register-export.ts [entries]`; it exits with 1 when the export
 * reaches the limit.
 */
export async function benchRegisterExport(options: { entries?: number; outDir?: string } = {}): Promise<RegisterExportBenchResult> {
  const entries = options.entries ?? 10_000;
  const emulators = await startHandlerEmulators();
  try {
    await seedEntries(emulators.environment, entries);
    const measured = await runExportProcess(emulators.environment);
    const result: RegisterExportBenchResult = {
      name: 'register-export',
      entries: measured.entries,
      rows: measured.rows,
      peakRssMb: round(measured.maxRssKb / 1024),
      peakHeapUsedMb: round(measured.peakHeapUsedBytes / 1024 / 1024),
      limitMb: exportMemoryLimitMb,
      withinLimit: measured.maxRssKb / 1024 < exportMemoryLimitMb,
      exportSeconds: round(measured.milliseconds / 1000),
      node: process.version,
    };
    const outDir = options.outDir ?? path.join(__dirname, 'out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'register-export.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await emulators.stop();
  }
}

/** Writes `count` entries with BatchWriteItem, 25 at a time, as ingest would store them. */
async function seedEntries(environment: Record<string, string>, count: number): Promise<void> {
  const credentials = { accessKeyId: environment.AWS_ACCESS_KEY_ID, secretAccessKey: environment.AWS_SECRET_ACCESS_KEY };
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: environment.AWS_ENDPOINT_URL_DYNAMODB, region, credentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const kms = new KMSClient({ endpoint: environment.AWS_ENDPOINT_URL_KMS, region, credentials });
  const dataKeys = new TenantDataKeys({ kms, documentClient: documents, registerTable: environment.REGISTER_TABLE, tenantKeys: new TenantKeys(kms, { stage: environment.STAGE, aliasPrefix: environment.TENANT_KEY_ALIAS_PREFIX }) });
  const envelope = await dataKeys.envelopeForWrite(tenantId);
  const createdAt = new Date();

  for (let start = 0; start < count; start += 25) {
    const items = [];
    for (let index = start; index < Math.min(start + 25, count); index += 1) {
      const entryId = `bench-${String(index).padStart(6, '0')}`;
      const arrivalDate = new Date(Date.UTC(2024, 0, 1) + (index % 1000) * 86_400_000).toISOString().slice(0, 10);
      const departureDate = new Date(Date.parse(arrivalDate) + 2 * 86_400_000).toISOString().slice(0, 10);
      const seal = (guestId: string, field: string, value: string) => envelope.encryptField(entryId, guestFieldName(guestId, field), value);
      items.push({
        pk: `TENANT#${tenantId}`,
        sk: `ENTRY#${entryId}`,
        gsi1pk: facilityPartition(tenantId, facilityId),
        gsi1sk: `${arrivalDate}#${entryId}`,
        type: 'entry',
        tenantId,
        entryId,
        facilityId,
        checkInId: `check-in-${index}`,
        deviceId: 'device-bench',
        arrivalDate,
        departureDate,
        language: 'en',
        consent: { acceptedAt: `${arrivalDate}T16:00:00+09:00`, language: 'en' },
        guestCount: 2,
        keyPeriod: envelope.keyPeriod,
        // Invented guests: no real person.
        guests: [
          { guestId: 'g1', hasAddressInJapan: true, name: seal('g1', 'name', `架空 太郎${index}`), address: seal('g1', 'address', '架空県架空市架空町1-2-3 架空ハイツ101号'), occupation: seal('g1', 'occupation', '会社員') },
          {
            guestId: 'g2',
            hasAddressInJapan: false,
            nationality: 'US',
            passportImageId: `image-${index}`,
            name: seal('g2', 'name', `Fictus Benchmark ${index}`),
            address: seal('g2', 'address', '1234 Imaginary Boulevard, Apartment 56, Nowhere City, NW 00000'),
            occupation: seal('g2', 'occupation', 'Software engineer'),
            passportNumber: seal('g2', 'passportNumber', `BN${String(index).padStart(7, '0')}`),
          },
        ],
        createdAt: createdAt.toISOString(),
        expiresAt: retentionExpiry(createdAt),
      });
    }
    let unprocessed: Record<string, unknown>[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
    while (unprocessed && unprocessed.length > 0) {
      const result = await documents.send(new BatchWriteCommand({ RequestItems: { [environment.REGISTER_TABLE]: unprocessed as never } }));
      unprocessed = result.UnprocessedItems?.[environment.REGISTER_TABLE] as Record<string, unknown>[] | undefined;
    }
  }
  kms.destroy();
  documents.destroy();
}

interface WorkerMeasurement {
  entries: number;
  rows: number;
  maxRssKb: number;
  peakHeapUsedBytes: number;
  milliseconds: number;
}

/** Runs bench/register-export-worker.ts in a fresh Node process and parses its last output line. */
function runExportProcess(environment: Record<string, string>): Promise<WorkerMeasurement> {
  return new Promise((resolve, reject) => {
    const worker = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'register-export-worker.ts')], {
      env: { ...process.env, ...environment, BENCH_TENANT_ID: tenantId, BENCH_FACILITY_ID: facilityId },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      const lastLine = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`The export worker exited with code ${code}.`));
        return;
      }
      try {
        resolve(JSON.parse(lastLine) as WorkerMeasurement);
      } catch {
        reject(new Error('The export worker printed no measurement line.'));
      }
    });
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (require.main === module) {
  const entries = process.argv[2] ? Number(process.argv[2]) : undefined;
  benchRegisterExport({ entries }).then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
      process.exitCode = result.withinLimit ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
