import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { s3Client } from '../aws/s3';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { auditLog, registerRepository, tenantDataKeys } from './register-access';
import { exportRegisterCsv } from './register-csv';
import { exportFailureMessage, exportJobSortKeyPrefix, type RegisterExportJob } from './register-export-jobs';
import { exportJobs, exportsBucket } from './register-exports-access';
import { exportRegisterPdf } from './register-pdf-export';
import { registerPdfFonts } from './register-pdf-font';

const env = readEnvironment(['IMAGES_BUCKET']);
const logger = createLogger('run-register-export');

/**
 * Runs the register exports that POST /register/exports and POST /register/pdf-exports queue.
 * The event source mapping on the Register table's stream delivers only INSERTs of job items
 * (`EXPORT#` sort keys), one per batch. Each job is claimed (queued → running) before it runs,
 * so a re-delivered record finds it claimed and is skipped. An export that throws marks its job
 * failed and is not re-thrown, because a retry would find the job no longer queued anyway.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  for (const record of event.Records) {
    const keys = unmarshall((record.dynamodb?.Keys ?? {}) as Record<string, AttributeValue>);
    const tenantId = String(keys.pk ?? '').replace(/^TENANT#/, '');
    const sortKey = String(keys.sk ?? '');
    if (record.eventName !== 'INSERT' || !sortKey.startsWith(exportJobSortKeyPrefix) || !tenantId) {
      logger.warn('Stream record is not a new export job; skipped', { eventName: record.eventName, eventId: record.eventID });
      continue;
    }
    await runJob(tenantId, sortKey.slice(exportJobSortKeyPrefix.length));
  }
}

async function runJob(tenantId: string, exportId: string): Promise<void> {
  logger.resetKeys();
  logger.appendKeys({ tenantId, exportId });
  const job = await exportJobs.get(tenantId, exportId);
  if (!job) {
    logger.warn('Export job not found; it may have expired');
    return;
  }
  logger.appendKeys({ facilityId: job.facilityId, requestId: job.requestId });
  if (!(await exportJobs.claim(tenantId, exportId))) {
    logger.info('Export job already claimed; skipped', { status: job.status });
    return;
  }

  try {
    const result = await runExport(job);
    logger.info('Register export written', { format: job.format, disclosure: job.disclosure, ...result });
  } catch (error) {
    logger.error('Register export failed', { format: job.format, errorName: (error as Error)?.name, error: error as Error });
    await exportJobs.fail(tenantId, exportId, exportFailureMessage);
  }
}

/** Streams the job's file and returns its counts, which contain no PII. */
async function runExport(job: RegisterExportJob): Promise<Record<string, number>> {
  const deps = { register: registerRepository, dataKeys: tenantDataKeys, audit: auditLog, jobs: exportJobs, s3: s3Client, bucket: exportsBucket };
  const request = {
    exportId: job.exportId,
    tenantId: job.tenantId,
    userId: job.userId,
    facilityId: job.facilityId,
    from: job.from,
    to: job.to,
    requestId: job.requestId,
    disclosure: job.disclosure,
  };
  switch (job.format) {
    case 'csv': {
      const result = await exportRegisterCsv(deps, request);
      return { entryCount: result.entryCount, rowCount: result.rowCount };
    }
    case 'pdf': {
      if (!job.facility) throw new Error(`PDF export job ${job.exportId} has no facility header.`);
      const result = await exportRegisterPdf(
        { ...deps, images: { s3: s3Client, bucket: env.IMAGES_BUCKET }, fonts: registerPdfFonts },
        { ...request, facility: job.facility },
      );
      if (result.unreadableImages > 0) {
        logger.warn('Passport images missing or unreadable in the PDF export', { unreadableImages: result.unreadableImages });
      }
      return { entryCount: result.entryCount, rowCount: result.rowCount, pageCount: result.pageCount };
    }
    default:
      throw new Error(`Export job ${(job as RegisterExportJob).exportId} has an unknown format.`);
  }
}
