import { Upload } from '@aws-sdk/lib-storage';
import type { S3Client } from '@aws-sdk/client-s3';
import { once } from 'node:events';
import type { TenantDataKeys } from '../guest-pii/tenant-data-keys';
import type { AuditLog } from './audit-log';
import { decryptGuest } from './guest-decryption';
import { createRegisterCsvStream, registerCsvRows } from './register-csv';
import type { RegisterExportJobs } from './register-export-jobs';
import type { RegisterRepository } from './register-repository';

export interface RegisterExportDependencies {
  readonly register: RegisterRepository;
  readonly dataKeys: TenantDataKeys;
  readonly audit: AuditLog;
  readonly jobs: RegisterExportJobs;
  readonly s3: S3Client;
  readonly bucket: string;
}

export interface RegisterExportRequest {
  readonly exportId: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly facilityId: string;
  readonly from: string;
  readonly to: string;
  readonly requestId?: string;
}

/** Entries read, audited and decrypted at a time; only one page is in memory at once. */
export const exportPageSize = 100;

/** S3 key of an export file; the `exports/` prefix expires after a day. */
export function registerExportKey(tenantId: string, exportId: string): string {
  return `exports/${tenantId}/${exportId}.csv`;
}

/**
 * Streams the register of one facility for arrival dates `[from, to]` into a CSV file in S3.
 * Entries are read one page at a time, each page is audited before it is decrypted, and rows go
 * through the CSV stream into a multipart upload, so memory stays flat whatever the entry count.
 * The job item records progress after each page; a failure aborts the upload and marks it failed.
 */
export async function exportRegisterCsv(
  deps: RegisterExportDependencies,
  request: RegisterExportRequest,
): Promise<{ rowCount: number; entryCount: number; objectKey: string }> {
  const { tenantId, facilityId, exportId } = request;
  const totalEntries = await deps.register.countByFacilityArrival({ tenantId, facilityId, from: request.from, to: request.to });
  const objectKey = registerExportKey(tenantId, exportId);
  await deps.jobs.start(
    { exportId, tenantId, facilityId, from: request.from, to: request.to, format: 'csv', userId: request.userId, totalEntries },
    new Date(),
  );

  const csv = createRegisterCsvStream();
  const upload = new Upload({
    client: deps.s3,
    params: {
      Bucket: deps.bucket,
      Key: objectKey,
      Body: csv,
      ContentType: 'text/csv; charset=utf-8',
      ContentDisposition: `attachment; filename="register-${facilityId}-${request.from}-${request.to}.csv"`,
    },
  });
  const uploaded = upload.done();
  // The upload's own failure surfaces when it is awaited below; this keeps it from going unhandled meanwhile.
  uploaded.catch(() => undefined);

  let entryCount = 0;
  let rowCount = 0;
  try {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.register.listByFacilityArrival({
        tenantId,
        facilityId,
        from: request.from,
        to: request.to,
        limit: exportPageSize,
        startKey,
      });
      if (page.entries.length > 0) {
        await deps.audit.record({
          tenantId,
          userId: request.userId,
          action: 'export',
          disclosure: 'full',
          resource: 'register-csv',
          entryIds: page.entries.map((entry) => entry.entryId),
          requestId: request.requestId,
        });
      }
      for (const entry of page.entries) {
        const envelope = await deps.dataKeys.envelopeForRead(tenantId, entry.keyPeriod);
        const guests = entry.guests.map((guest) => decryptGuest(envelope, entry, guest, 'full'));
        for (const row of registerCsvRows(entry, guests)) {
          rowCount += 1;
          if (!csv.write(row)) await once(csv, 'drain');
        }
      }
      entryCount += page.entries.length;
      await deps.jobs.recordProgress(tenantId, exportId, entryCount);
      startKey = page.lastKey;
    } while (startKey);

    csv.end();
    await uploaded;
  } catch (error) {
    csv.destroy();
    await upload.abort().catch(() => undefined);
    await deps.jobs.fail(tenantId, exportId);
    throw error;
  }

  await deps.jobs.finish(tenantId, exportId, { rowCount, objectKey, processedEntries: entryCount });
  return { rowCount, entryCount, objectKey };
}
