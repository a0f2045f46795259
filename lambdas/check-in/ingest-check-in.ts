import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createLogger } from '../runtime/logger';
import { ingestCheckIn, type IngestDependencies } from './check-in-ingestion';
import { IngestBatch } from './ingest-batch';
import { isReadyForIngest, parseCheckInRecord } from './check-in-record';
import { createIngestDependencies } from './ingest-dependencies';

const logger = createLogger('ingest-check-in');
/** Clients and repositories of the handler, created once per container; tests reuse them with another clock. */
export const ingestDependencies: IngestDependencies = createIngestDependencies(logger);

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
