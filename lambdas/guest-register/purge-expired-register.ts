import type { Context, ScheduledEvent } from 'aws-lambda';
import { documentClient } from '../aws/dynamodb';
import { CheckInTable } from '../check-in/check-in-table';
import { s3Client } from '../aws/s3';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { DeletionAuditLog } from './deletion-audit';
import { purgeExpiredRegisterData, type RetentionOutcome } from './register-retention';

const env = readEnvironment(['REGISTER_TABLE', 'AUDIT_TABLE', 'IMAGES_BUCKET', 'CHECKIN_TABLE']);
const logger = createLogger('purge-expired-register');
const dependencies = {
  documents: documentClient,
  registerTable: env.REGISTER_TABLE,
  s3: s3Client,
  imagesBucket: env.IMAGES_BUCKET,
  audit: new DeletionAuditLog(documentClient, env.AUDIT_TABLE),
  checkInTable: new CheckInTable(documentClient, env.CHECKIN_TABLE),
};

/** Time left when the job stops scanning, so the last batch finishes before the Lambda timeout. */
const stopMarginMs = 60_000;

/**
 * Runs once a day from an EventBridge schedule and deletes the register entries whose 3-year
 * retention ended. The clock is the event's `time`, the moment the schedule fired, so a test
 * sets the day by sending an event.
 */
export async function handler(event: Pick<ScheduledEvent, 'time'>, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<RetentionOutcome> {
  const now = new Date(event.time);
  if (Number.isNaN(now.getTime())) throw new Error('The scheduled event has no valid time.');
  const shouldStop = () => context !== undefined && context.getRemainingTimeInMillis() < stopMarginMs;
  const outcome = await purgeExpiredRegisterData(dependencies, now, shouldStop);
  if (outcome.complete) logger.info('Retention purge done', { ...outcome });
  else logger.warn('Retention purge stopped before the Lambda timeout; the next run continues', { ...outcome });
  return outcome;
}
