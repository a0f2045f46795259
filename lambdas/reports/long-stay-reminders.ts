import type { Facility } from '../facility/facility-repository';
import { sendLongStayReminder } from '../mail/report-notices';
import { longStayConfirmationIntervalDays, longStayReminderRound, longStayStatus } from './long-stay';
import type { RegisterStaySource } from './register-stay-source';
import { todayInJapan } from './reporting-periods';

export interface LongStayReminderDependencies {
  readonly stays: RegisterStaySource;
  readonly mailFrom: string;
  readonly ses: Parameters<typeof sendLongStayReminder>[0];
  /** Claims a notice key and sends the mail unless the key was claimed before; true when sent. */
  readonly sendOnce: (tenantId: string, noticeKey: string, send: () => Promise<void>) => Promise<boolean>;
}

/**
 * Mails the facility's office about each long stay in progress whose confirmation is due: once
 * when it falls due, then once a week until an operator confirms. A confirmation moves the due time a
 * week on, which starts a new series. Returns the number of mails sent.
 */
export async function remindUnconfirmedLongStays(deps: LongStayReminderDependencies, facility: Facility, now: Date, to: string): Promise<number> {
  const today = todayInJapan(now);
  let sent = 0;
  for (const entry of await deps.stays.entriesTouching(facility.tenantId, facility.facilityId, today, today)) {
    const status = longStayStatus(entry, now);
    if (!status?.due || status.nextDueAt === undefined) continue;

    const round = longStayReminderRound(new Date(status.nextDueAt), now);
    const noticeKey = `long-stay#${entry.entryId}#${status.nextDueAt}#${round}`;
    const mailed = await deps.sendOnce(facility.tenantId, noticeKey, () =>
      sendLongStayReminder(deps.ses, {
        from: deps.mailFrom,
        to,
        reminder: {
          facilityName: facility.name,
          arrivalDate: entry.arrivalDate,
          departureDate: entry.departureDate,
          nights: status.nights,
          guestCount: entry.guests.length,
          dueAt: status.nextDueAt!,
          intervalDays: longStayConfirmationIntervalDays,
        },
      }),
    );
    if (mailed) sent += 1;
  }
  return sent;
}
