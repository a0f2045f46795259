import type { ScheduledEvent } from 'aws-lambda';
import { documentClient } from '../aws/dynamodb';
import { sesClient } from '../aws/ses';
import { FacilityRepository } from '../facility/facility-repository';
import { TenantRepository } from '../organisation/tenant-repository';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { FacilityReports } from './facility-reports';
import { PeriodicReportStatusRepository } from './periodic-report-status';
import { RegisterStaySource } from './register-stay-source';
import { sendReportNotices, type ReportNoticeOutcome } from './report-notices';

const env = readEnvironment(['DIRECTORY_TABLE', 'REGISTER_TABLE', 'MAIL_FROM']);
const logger = createLogger('send-report-notices');
const statuses = new PeriodicReportStatusRepository(documentClient, env.REGISTER_TABLE);
const stays = new RegisterStaySource(documentClient, env.REGISTER_TABLE);
const dependencies = {
  logger,
  ses: sesClient,
  facilities: new FacilityRepository(documentClient, env.DIRECTORY_TABLE),
  tenants: new TenantRepository(documentClient, env.DIRECTORY_TABLE),
  reports: new FacilityReports(stays, statuses),
  statuses,
  stays,
  mailFrom: env.MAIL_FROM,
};

/**
 * Runs once a day from an EventBridge schedule. The clock is the event's `time`, the moment the
 * schedule fired, so a test sets the day by sending an event.
 */
export async function handler(event: Pick<ScheduledEvent, 'time'>): Promise<ReportNoticeOutcome> {
  const now = new Date(event.time);
  if (Number.isNaN(now.getTime())) throw new Error('The scheduled event has no valid time.');
  const outcome = await sendReportNotices(dependencies, now);
  logger.info('Report notices done', { ...outcome });
  return outcome;
}
