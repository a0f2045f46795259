import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TenantDataKeys } from '../lambdas/guest-pii/tenant-data-keys';
import { TenantKeys } from '../lambdas/guest-pii/tenant-keys';
import { AuditLog } from '../lambdas/guest-register/audit-log';
import { exportRegisterCsv } from '../lambdas/guest-register/register-csv';
import { exportRegisterPdf } from '../lambdas/guest-register/register-pdf-export';
import { registerPdfFonts } from '../lambdas/guest-register/register-pdf-font';
import { RegisterExportJobs } from '../lambdas/guest-register/register-export-jobs';
import { RegisterRepository } from '../lambdas/guest-register/register-repository';

/**
 * Runs the export in the format of BENCH_FORMAT (`csv` or `pdf`) as one Lambda container would.
 * It runs in a process of its own, so its maximum RSS is the export's alone, and prints one JSON
 * line with the counts and the memory measured.
 */
async function main(): Promise<void> {
  const env = process.env as Record<string, string>;
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const s3 = new S3Client({ forcePathStyle: true });
  const deps = {
    register: new RegisterRepository(documents, env.REGISTER_TABLE),
    dataKeys: (() => {
      const kms = new KMSClient({});
      const tenantKeys = new TenantKeys(kms, { stage: env.STAGE, aliasPrefix: env.TENANT_KEY_ALIAS_PREFIX });
      return new TenantDataKeys({ kms, documentClient: documents, registerTable: env.REGISTER_TABLE, tenantKeys });
    })(),
    audit: new AuditLog(documents, env.AUDIT_TABLE),
    jobs: new RegisterExportJobs(documents, env.REGISTER_TABLE),
    s3,
    bucket: env.EXPORTS_BUCKET,
  };

  let peakHeapUsedBytes = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, process.memoryUsage().heapUsed);
  }, 20);
  const request = {
    exportId: randomUUID(),
    tenantId: env.BENCH_TENANT_ID,
    userId: 'bench-operator',
    facilityId: env.BENCH_FACILITY_ID,
    // The seeded stays arrive over 1,000 days from 2024-01-01, inside this three-year span.
    from: '2024-01-01',
    to: '2026-12-31',
    disclosure: 'full' as const,
  };
  // The export runs on a job that the API queued and the worker claimed, as in the Lambda.
  const format = env.BENCH_FORMAT === 'pdf' ? 'pdf' : 'csv';
  await deps.jobs.enqueue({ ...request, format }, new Date());
  await deps.jobs.claim(request.tenantId, request.exportId);
  const started = performance.now();
  const result =
    env.BENCH_FORMAT === 'pdf'
      ? await exportRegisterPdf(
          { ...deps, images: { s3, bucket: env.IMAGES_BUCKET }, fonts: registerPdfFonts },
          { ...request, facility: { name: 'ベンチマーク荘', licenceNumber: 'M130000000' } },
        )
      : await exportRegisterCsv(deps, request);
  const milliseconds = performance.now() - started;
  clearInterval(sampler);
  const head = await s3.send(new HeadObjectCommand({ Bucket: env.EXPORTS_BUCKET, Key: result.objectKey }));

  console.log(
    JSON.stringify({
      entries: result.entryCount,
      rows: result.rowCount,
      pages: 'pageCount' in result ? result.pageCount : undefined,
      fileBytes: head.ContentLength,
      maxRssKb: process.resourceUsage().maxRSS,
      peakHeapUsedBytes,
      milliseconds,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
