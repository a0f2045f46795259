import type { Logger } from '@aws-lambda-powertools/logger';
import type { SESClient } from '@aws-sdk/client-ses';
import { licenceTypes, type Facility, type FacilityRepository } from '../facility/facility-repository';
import { sendAnnualCapWarning, sendPeriodicReportReminder } from '../mail/report-notices';
import type { TenantRepository } from '../organisation/tenant-repository';
import { isReportable, type FacilityReports } from './facility-reports';
import { remindUnconfirmedLongStays } from './long-stay-reminders';
import type { PeriodicReportStatusRepository } from './periodic-report-status';
import type { RegisterStaySource } from './register-stay-source';
import { periodWithReminderOn, todayInJapan, type ReportingPeriod } from './reporting-periods';

export interface ReportNoticeDependencies {
  readonly logger: Logger;
  readonly ses: SESClient;
  readonly facilities: FacilityRepository;
  readonly tenants: TenantRepository;
  readonly reports: FacilityReports;
  readonly statuses: PeriodicReportStatusRepository;
  readonly stays: RegisterStaySource;
  readonly mailFrom: string;
}

export interface ReportNoticeOutcome {
  readonly remindersSent: number;
  readonly capWarningsSent: number;
  readonly longStayRemindersSent: number;
  readonly failures: number;
}

/**
 * Sends the day's report notices at `now`. On the 8th of February, April, June, August, October
 * and December in Japan, 7 days before a 定期報告 is due, each 住宅宿泊事業 facility whose report is
 * still 未提出 gets a reminder. Every day, each facility that reached a new 180-day threshold gets
 * a warning. Every day, each facility of any licence type gets a reminder for each long stay whose
 * confirmation is due (`long-stay-reminders.ts`). Each notice is recorded before it is sent, so a
 * repeated run sends nothing twice. A failed mail is released and logged, and the run goes on
 * with the next facility.
 */
export async function sendReportNotices(deps: ReportNoticeDependencies, now: Date): Promise<ReportNoticeOutcome> {
  const today = todayInJapan(now);
  const reminderPeriod = periodWithReminderOn(today);
  const facilities: Facility[] = [];
  for (const licenceType of licenceTypes) facilities.push(...(await deps.facilities.listFacilitiesOfLicenceType(licenceType)));
  const sendOnceFor = (tenantId: string, noticeKey: string, send: () => Promise<void>) => sendOnce(deps, tenantId, noticeKey, send);
  let remindersSent = 0;
  let capWarningsSent = 0;
  let longStayRemindersSent = 0;
  let failures = 0;

  for (const facility of facilities) {
    deps.logger.appendKeys({ tenantId: facility.tenantId, facilityId: facility.facilityId });
    try {
      const to = await recipientOf(deps, facility);
      if (!to) {
        deps.logger.warn('No notification address for report notices');
        continue;
      }
      if (isReportable(facility)) {
        if (reminderPeriod && (await remindIfNotSubmitted(deps, facility, reminderPeriod, today, to))) {
          remindersSent += 1;
        }
        if (await warnIfNewThreshold(deps, facility, now, to)) capWarningsSent += 1;
      }
      longStayRemindersSent += await remindUnconfirmedLongStays({ ...deps, sendOnce: sendOnceFor }, facility, now, to);
    } catch (error) {
      failures += 1;
      deps.logger.error('Report notice failed', { errorName: (error as Error).name, errorMessage: (error as Error).message });
    }
  }
  deps.logger.resetKeys();
  return { remindersSent, capWarningsSent, longStayRemindersSent, failures };
}

/**
 * Returns the address of a facility's notices: its own, else the tenant's contact address.
 * NOTE: once users belong to offices, the facility's office address should come first.
 */
async function recipientOf(deps: ReportNoticeDependencies, facility: Facility): Promise<string | undefined> {
  if (facility.notificationEmail) return facility.notificationEmail;
  return (await deps.tenants.getTenant(facility.tenantId))?.contactEmail;
}

async function remindIfNotSubmitted(
  deps: ReportNoticeDependencies,
  facility: Facility,
  period: ReportingPeriod,
  today: string,
  to: string,
): Promise<boolean> {
  const [report] = await deps.reports.periodicReports(facility, [period], today);
  // No report means the period ended before the facility's 届出日, so nothing is owed.
  if (!report || report.status === 'submitted') return false;

  const noticeKey = `reminder#${facility.facilityId}#${period.periodId}`;
  return sendOnce(deps, facility.tenantId, noticeKey, () =>
    sendPeriodicReportReminder(deps.ses, {
      from: deps.mailFrom,
      to,
      reminder: {
        facilityName: facility.name,
        notificationNumber: facility.licenceNumber,
        governmentLabel: report.period.governmentLabel,
        firstDay: report.period.firstDay,
        lastDay: report.period.lastDay,
        dueDate: report.period.dueDate,
        daysWithGuests: report.figures.daysWithGuests,
        guestCount: report.figures.guestCount,
        guestNights: report.figures.guestNights,
      },
    }),
  );
}

/**
 * Mails the highest threshold reached, unless it was mailed before. Lower thresholds reached in
 * the same jump are recorded without a mail of their own.
 */
async function warnIfNewThreshold(deps: ReportNoticeDependencies, facility: Facility, now: Date, to: string): Promise<boolean> {
  const count = await deps.reports.annualDayCount(facility, now);
  const reached = [...count.thresholdsReached].sort((a, b) => b - a);
  if (reached.length === 0) return false;

  const [highest, ...lower] = reached;
  const noticeKey = (threshold: number) => `cap#${facility.facilityId}#${count.year}#${count.limit}#${threshold}`;
  const sent = await sendOnce(deps, facility.tenantId, noticeKey(highest), () =>
    sendAnnualCapWarning(deps.ses, {
      from: deps.mailFrom,
      to,
      warning: { facilityName: facility.name, year: count.year, daysUsed: count.daysUsed, limit: count.limit },
    }),
  );
  for (const threshold of lower) await deps.statuses.claimNotice(facility.tenantId, noticeKey(threshold), now);
  return sent;
}

async function sendOnce(deps: ReportNoticeDependencies, tenantId: string, noticeKey: string, send: () => Promise<void>): Promise<boolean> {
  if (!(await deps.statuses.claimNotice(tenantId, noticeKey, new Date()))) return false;
  try {
    await send();
    return true;
  } catch (error) {
    await deps.statuses.releaseNotice(tenantId, noticeKey);
    throw error;
  }
}
