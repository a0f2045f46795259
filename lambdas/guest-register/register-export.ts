import { Upload } from '@aws-sdk/lib-storage';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { TenantDataKeys } from '../guest-pii/tenant-data-keys';
import type { TenantEnvelope } from '../guest-pii/tenant-envelope';
import type { AuditAction, AuditLog, AuditResource, PiiDisclosure } from './audit-log';
import type { RegisterEntry } from './register-entry';
import type { RegisterExportFormat, RegisterExportJobs } from './register-export-jobs';
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
  /**
   * `full` when the caller has `register:read-pii`: every field decrypted. Otherwise `masked`:
   * names and passport numbers masked as in the register API, the other PII fields hidden.
   */
  readonly disclosure: PiiDisclosure;
}

/** Entries read, audited and decrypted at a time; only one page is in memory at once. */
export const exportPageSize = 100;

/** S3 key of an export file; the `exports/` prefix expires after a day. */
export function registerExportKey(tenantId: string, exportId: string, format: RegisterExportFormat = 'csv'): string {
  return `exports/${tenantId}/${exportId}.${format}`;
}

/**
 * One file format of the register export: the stream of its bytes and how a stay is written
 * into it. `writeEntry` resolves once the stream can take more, so memory stays flat.
 */
export interface RegisterExportWriter {
  readonly format: RegisterExportFormat;
  readonly contentType: string;
  /** Entries read, audited and written per page; the job records progress after each page. */
  readonly pageSize: number;
  /** How the audit record of each page describes the access. */
  readonly audit: { readonly action: AuditAction; readonly disclosure: PiiDisclosure; readonly resource: AuditResource };
  readonly body: Readable;
  /** Writes one stay and returns the number of rows (guests) written. */
  writeEntry(entry: RegisterEntry, envelope: TenantEnvelope): Promise<number>;
  /** Ends the file after the last entry. */
  end(): void;
  /** Discards the file after a failure; `error` rejects a write waiting for the stream. */
  destroy(error?: Error): void;
  /** Pages of a paged format, read once the file is uploaded and stored in the job. */
  pageCount?(): number;
}

/**
 * Streams the register of one facility for arrival dates `[from, to]` into a file in S3.
 * Entries are read one page at a time, each page is audited before it is decrypted, and the
 * writer's stream goes into a multipart upload, so memory stays flat whatever the entry count.
 * The job item, queued and claimed by the caller, records the total and the progress after each
 * page. A failure aborts the upload and is thrown; the caller marks the job failed.
 */
export async function streamRegisterExport(
  deps: RegisterExportDependencies,
  request: RegisterExportRequest,
  writer: RegisterExportWriter,
): Promise<{ rowCount: number; entryCount: number; objectKey: string }> {
  const { tenantId, facilityId, exportId } = request;
  const totalEntries = await deps.register.countByFacilityArrival({ tenantId, facilityId, from: request.from, to: request.to });
  const objectKey = registerExportKey(tenantId, exportId, writer.format);
  await deps.jobs.recordTotal(tenantId, exportId, totalEntries);

  const upload = new Upload({
    client: deps.s3,
    // One 5 MB part in flight instead of four keeps the export worker's memory lower. The export
    // runs in the background, so a slower upload of a large PDF does no harm.
    queueSize: 1,
    params: {
      Bucket: deps.bucket,
      Key: objectKey,
      Body: writer.body,
      ContentType: writer.contentType,
      ContentDisposition: `attachment; filename="register-${facilityId}-${request.from}-${request.to}.${writer.format}"`,
    },
  });
  const uploaded = upload.done();
  // A failed upload ends the writer's stream, so a write waiting for room fails instead of
  // waiting forever. The upload's own error surfaces when it is awaited below.
  uploaded.catch((error: unknown) => writer.destroy(error instanceof Error ? error : new Error(String(error))));

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
        limit: writer.pageSize,
        startKey,
      });
      if (page.entries.length > 0) {
        await deps.audit.record({
          tenantId,
          userId: request.userId,
          ...writer.audit,
          entryIds: page.entries.map((entry) => entry.entryId),
          requestId: request.requestId,
        });
      }
      for (const entry of page.entries) {
        const envelope = await deps.dataKeys.envelopeForRead(tenantId, entry.keyPeriod);
        rowCount += await writer.writeEntry(entry, envelope);
      }
      entryCount += page.entries.length;
      await deps.jobs.recordProgress(tenantId, exportId, entryCount);
      startKey = page.lastKey;
    } while (startKey);

    writer.end();
    await uploaded;
  } catch (error) {
    writer.destroy();
    await upload.abort().catch(() => undefined);
    throw error;
  }

  await deps.jobs.finish(tenantId, exportId, { rowCount, objectKey, processedEntries: entryCount, pageCount: writer.pageCount?.() });
  return { rowCount, entryCount, objectKey };
}
