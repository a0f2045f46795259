import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { registerImageKey } from '../lambdas/check-in/image-keys';
import { guestFieldName } from '../lambdas/guest-pii/tenant-envelope';
import { TenantDataKeys } from '../lambdas/guest-pii/tenant-data-keys';
import { TenantKeys } from '../lambdas/guest-pii/tenant-keys';
import { retentionExpiry } from '../lambdas/guest-register/register-entry';
import { facilityPartition } from '../lambdas/guest-register/register-repository';
import { registerExportWorker } from '../lib/api/routes';
import { region, startHandlerEmulators } from '../test/integration/support/handler-emulators';
import { inventedPassportJpeg } from '../test/support/invented-passport-photo';

/** Lambda memory the register export must stay under, in MB. */
export const exportMemoryLimitMb = 256;

/** Interval of the stays whose visitor has no address in Japan and a passport copy in S3. */
export const passportCopyInterval = 10;

/** Figures of one export format, measured in a fresh Node.js process. */
export interface ExportMeasurement {
  readonly entries: number;
  readonly rows: number;
  /** Pages of the PDF; absent for CSV. */
  readonly pages?: number;
  readonly fileBytes: number;
  /** Maximum resident set size of the process that ran the export, as the Lambda would report it. */
  readonly peakRssMb: number;
  /** Largest V8 heap in use, sampled every 20 ms during the export. */
  readonly peakHeapUsedMb: number;
  readonly withinLimit: boolean;
  readonly exportSeconds: number;
}

export interface RegisterExportBenchResult {
  readonly name: 'register-export';
  readonly entries: number;
  readonly passportCopies: number;
  readonly limitMb: number;
  readonly csv: ExportMeasurement;
  readonly pdf: ExportMeasurement;
  readonly node: string;
}

const tenantId = 'tenant-bench';
const facilityId = 'facility-bench';

/**
 * Measures the peak memory of the 宿泊者名簿 CSV and PDF exports for `entries` stays of two
 * invented guests each. The stays are written straight into DynamoDB Local with every PII field
 * encrypted, and every `passportCopyInterval`th stay's passport copy (1600 × 1200 px, the kiosk's
 * maximum) is put into s3rver. Then a fresh Node process per format, as a Lambda container would
 * be, runs the export against DynamoDB Local, the local KMS endpoint and s3rver, and reports its
 * maximum RSS. Writes the result to bench/out/register-export.json and returns it.
 *
 * Run alone with `npx tsx bench/register-export.ts [entries]`; it exits with 1 when an export
 * reaches the limit.
 */
export async function benchRegisterExport(options: { entries?: number; outDir?: string } = {}): Promise<RegisterExportBenchResult> {
  const entries = options.entries ?? 10_000;
  const emulators = await startHandlerEmulators();
  try {
    const passportCopies = await seedEntries(emulators.environment, entries);
    const result: RegisterExportBenchResult = {
      name: 'register-export',
      entries,
      passportCopies,
      limitMb: exportMemoryLimitMb,
      csv: toMeasurement(await runExportProcess(emulators.environment, 'csv')),
      pdf: toMeasurement(await runExportProcess(emulators.environment, 'pdf')),
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

function toMeasurement(measured: WorkerMeasurement): ExportMeasurement {
  return {
    entries: measured.entries,
    rows: measured.rows,
    pages: measured.pages,
    fileBytes: measured.fileBytes,
    peakRssMb: round(measured.maxRssKb / 1024),
    peakHeapUsedMb: round(measured.peakHeapUsedBytes / 1024 / 1024),
    withinLimit: measured.maxRssKb / 1024 < exportMemoryLimitMb,
    exportSeconds: round(measured.milliseconds / 1000),
  };
}

/**
 * Writes `count` entries with BatchWriteItem, 25 at a time, as ingest would store them, and the
 * passport copies of every `passportCopyInterval`th stay. Returns the number of copies stored.
 */
async function seedEntries(environment: Record<string, string>, count: number): Promise<number> {
  const credentials = { accessKeyId: environment.AWS_ACCESS_KEY_ID, secretAccessKey: environment.AWS_SECRET_ACCESS_KEY };
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: environment.AWS_ENDPOINT_URL_DYNAMODB, region, credentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const kms = new KMSClient({ endpoint: environment.AWS_ENDPOINT_URL_KMS, region, credentials });
  const dataKeys = new TenantDataKeys({ kms, documentClient: documents, registerTable: environment.REGISTER_TABLE, tenantKeys: new TenantKeys(kms, { stage: environment.STAGE, aliasPrefix: environment.TENANT_KEY_ALIAS_PREFIX }) });
  const envelope = await dataKeys.envelopeForWrite(tenantId);
  const createdAt = new Date();
  const s3 = new S3Client({ endpoint: environment.AWS_ENDPOINT_URL_S3, region, credentials, forcePathStyle: true });
  const passportPhoto = inventedPassportJpeg(1600, 1200);
  let passportCopies = 0;

  for (let start = 0; start < count; start += 25) {
    const items = [];
    for (let index = start; index < Math.min(start + 25, count); index += 1) {
      const entryId = `bench-${String(index).padStart(6, '0')}`;
      const arrivalDate = new Date(Date.UTC(2024, 0, 1) + (index % 1000) * 86_400_000).toISOString().slice(0, 10);
      const departureDate = new Date(Date.parse(arrivalDate) + 2 * 86_400_000).toISOString().slice(0, 10);
      const seal = (guestId: string, field: string, value: string) => envelope.encryptField(entryId, guestFieldName(guestId, field), value);
      const visitorHasPassportCopy = index % passportCopyInterval === 0;
      if (visitorHasPassportCopy) {
        const imageId = `image-${index}`;
        const Body = envelope.encryptImage(entryId, imageId, passportPhoto);
        await s3.send(new PutObjectCommand({ Bucket: environment.IMAGES_BUCKET, Key: registerImageKey(tenantId, entryId, imageId), Body }));
        passportCopies += 1;
      }
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
            hasAddressInJapan: !visitorHasPassportCopy,
            nationality: 'US',
            passportImageId: visitorHasPassportCopy ? `image-${index}` : undefined,
            // Every third visitor writes Korean and every third Chinese, so the PDF loads both fallback fonts.
            name: seal('g2', 'name', [`Fictus Benchmark ${index}`, `가상 벤치${index}`, `虚构 张伟${index}`][index % 3]),
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
  s3.destroy();
  return passportCopies;
}

interface WorkerMeasurement {
  entries: number;
  rows: number;
  pages?: number;
  fileBytes: number;
  maxRssKb: number;
  peakHeapUsedBytes: number;
  milliseconds: number;
}

/** Runs bench/register-export-worker.ts in a fresh Node process and parses its last output line. */
function runExportProcess(environment: Record<string, string>, format: 'csv' | 'pdf'): Promise<WorkerMeasurement> {
  return new Promise((resolve, reject) => {
    // The process starts with the Node.js options of the export worker Lambda.
    const nodeOptions = registerExportWorker.nodeOptions.split(' ');
    const worker = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', path.join(__dirname, 'register-export-worker.ts')], {
      env: { ...process.env, ...environment, BENCH_TENANT_ID: tenantId, BENCH_FACILITY_ID: facilityId, BENCH_FORMAT: format },
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
      process.exitCode = result.csv.withinLimit && result.pdf.withinLimit ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
