import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { documentClient } from '../aws/dynamodb';
import { kmsClient } from '../aws/kms';
import { s3Client } from '../aws/s3';
import { sesClient } from '../aws/ses';
import { DeviceRepository } from '../device/device-repository';
import { FacilityRepository } from '../facility/facility-repository';
import { TenantDataKeys } from '../guest-pii/tenant-data-keys';
import { TenantKeys } from '../guest-pii/tenant-keys';
import { RegisterRepository } from '../guest-register/register-repository';
import { TenantRepository } from '../organisation/tenant-repository';
import { RegisterStaySource } from '../reports/register-stay-source';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { ingestCheckIn, type IngestDependencies } from './check-in-ingestion';
import { IngestBatch } from './ingest-batch';
import { isReadyForIngest, parseCheckInRecord } from './check-in-record';
import { CheckInTable } from './check-in-table';

const env = readEnvironment([
  'DIRECTORY_TABLE',
  'REGISTER_TABLE',
  'IMAGES_BUCKET',
  'TENANT_KEY_ALIAS_PREFIX',
  'STAGE',
  'KIOSK_SEALING_KEY_ID',
  'MAIL_FROM',
  'CHECKIN_TABLE',
]);
const logger = createLogger('ingest-check-in');
/** Clients and repositories of the handler, created once per container; tests reuse them with another clock. */
export const ingestDependencies: IngestDependencies = {
  logger,
  kms: kmsClient,
  s3: s3Client,
  ses: sesClient,
  devices: new DeviceRepository(documentClient, env.DIRECTORY_TABLE),
  facilities: new FacilityRepository(documentClient, env.DIRECTORY_TABLE),
  tenants: new TenantRepository(documentClient, env.DIRECTORY_TABLE),
  register: new RegisterRepository(documentClient, env.REGISTER_TABLE),
  checkInTable: new CheckInTable(documentClient, env.CHECKIN_TABLE),
  registerStays: new RegisterStaySource(documentClient, env.REGISTER_TABLE),
  dataKeys: new TenantDataKeys({
    kms: kmsClient,
    documentClient,
    registerTable: env.REGISTER_TABLE,
    tenantKeys: new TenantKeys(kmsClient, { stage: env.STAGE, aliasPrefix: env.TENANT_KEY_ALIAS_PREFIX }),
  }),
  imagesBucket: env.IMAGES_BUCKET,
  sealingKeyId: env.KIOSK_SEALING_KEY_ID,
  mailFrom: env.MAIL_FROM,
};

/**
 * Consumes the CheckIn table's DynamoDB stream. Each failed record is reported in
 * `batchItemFailures`, so the event source retries it without blocking the others. A retry of
 * an ingested record is a no-op because ingestion is idempotent on the check-in id. The change
 * that sets the record's TTL after ingest is skipped here, as it is by the stream's filter.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  const batch = new IngestBatch(ingestDependencies);
  for (const streamRecord of event.Records) {
    const newImage = streamRecord.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
    if (streamRecord.eventName === 'REMOVE' || !isReadyForIngest(newImage)) continue;

    logger.resetKeys();
    logger.appendKeys({ checkInId: newImage!.id?.S, eventId: streamRecord.eventID });
    try {
      const outcome = await ingestCheckIn(ingestDependencies, parseCheckInRecord(newImage!), batch);
      logger.info(outcome === 'ingested' ? 'Check-in ingested' : 'Check-in already ingested');
    } catch (error) {
      // Only the name and message: every error raised on this path names ids and fields only.
      logger.error('Check-in ingest failed', { errorName: (error as Error).name, errorMessage: (error as Error).message });
      batchItemFailures.push({ itemIdentifier: streamRecord.dynamodb?.SequenceNumber ?? streamRecord.eventID ?? '' });
    }
  }
  logger.resetKeys();
  return { batchItemFailures };
}
