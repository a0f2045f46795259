import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';

/**
 * Mails about 定期報告 and the 180-day cap. They carry facility names, dates and counts only:
 * guest PII never goes into mail to the operator.
 */
export interface PeriodicReportReminder {
  readonly facilityName: string;
  readonly notificationNumber: string;
  readonly governmentLabel: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly dueDate: string;
  readonly daysWithGuests: number;
  readonly guestCount: number;
  readonly guestNights: number;
}

export async function sendPeriodicReportReminder(
  ses: SESClient,
  input: { from: string; to: string; reminder: PeriodicReportReminder },
): Promise<void> {
  const reminder = input.reminder;
  const body = [
    `${reminder.facilityName}（届出番号 ${reminder.notificationNumber}）の定期報告の提出期限は ${reminder.dueDate} です。`,
    `報告期間: ${reminder.governmentLabel}（${reminder.firstDay} 〜 ${reminder.lastDay}）`,
    `宿泊日数: ${reminder.daysWithGuests} 日 / 宿泊者数: ${reminder.guestCount} 人 / 延べ宿泊者数: ${reminder.guestNights} 人`,
    '管理画面の「定期報告」で内容を確認し、民泊制度運営システム用のファイルをダウンロードできます。提出後は「提出済」にしてください。',
    '',
    `The periodic report of ${reminder.facilityName} (notification number ${reminder.notificationNumber}) is due on ${reminder.dueDate}.`,
    `Period: ${reminder.firstDay} to ${reminder.lastDay}`,
    `Days with guests: ${reminder.daysWithGuests} / Guests: ${reminder.guestCount} / Guest-nights: ${reminder.guestNights}`,
    'Open Periodic reports in the admin app to check the figures and download the file for the government system, then mark the report submitted.',
  ].join('\n');
  await sendText(ses, input.from, input.to, `【定期報告】${reminder.facilityName} 提出期限 ${reminder.dueDate} / Periodic report due`, body);
}

export interface AnnualCapWarning {
  readonly facilityName: string;
  readonly year: number;
  readonly daysUsed: number;
  readonly limit: number;
  /** Set when the mail follows a check-in that took the count over the limit. */
  readonly afterCheckIn?: { readonly arrivalDate: string; readonly departureDate: string };
}

export async function sendAnnualCapWarning(
  ses: SESClient,
  input: { from: string; to: string; warning: AnnualCapWarning },
): Promise<void> {
  const warning = input.warning;
  const remaining = Math.max(0, warning.limit - warning.daysUsed);
  const yearJa = `${warning.year}年4月1日正午からの1年間`;
  const yearEn = `the year from April 1, ${warning.year} noon`;
  const lines = warning.afterCheckIn
    ? [
        `${warning.facilityName} で ${warning.afterCheckIn.arrivalDate} 〜 ${warning.afterCheckIn.departureDate} のチェックインにより、${yearJa}の宿泊日数が上限 ${warning.limit} 日を超えました（${warning.daysUsed} 日）。`,
        '',
        `A check-in for ${warning.afterCheckIn.arrivalDate} to ${warning.afterCheckIn.departureDate} at ${warning.facilityName} takes ${yearEn} to ${warning.daysUsed} days, over the limit of ${warning.limit}.`,
      ]
    : [
        `${warning.facilityName} の${yearJa}の宿泊日数が ${warning.daysUsed} 日になりました。上限 ${warning.limit} 日まで残り ${remaining} 日です。`,
        '',
        `${warning.facilityName} has used ${warning.daysUsed} days of ${yearEn}; ${remaining} of the ${warning.limit}-day limit remain.`,
      ];
  await sendText(
    ses,
    input.from,
    input.to,
    `【180日上限】${warning.facilityName} ${warning.daysUsed}/${warning.limit} 日 / Annual day cap: ${warning.daysUsed} of ${warning.limit} days`,
    lines.join('\n'),
  );
}

/** A long stay whose periodic confirmation is due; dates and counts only. */
export interface LongStayReminder {
  readonly facilityName: string;
  readonly arrivalDate: string;
  readonly departureDate: string;
  readonly nights: number;
  readonly guestCount: number;
  /** ISO 8601 time the confirmation fell due. */
  readonly dueAt: string;
  /** Days between confirmations. */
  readonly intervalDays: number;
}

export async function sendLongStayReminder(ses: SESClient, input: { from: string; to: string; reminder: LongStayReminder }): Promise<void> {
  const reminder = input.reminder;
  const stay = `${reminder.arrivalDate} 〜 ${reminder.departureDate}`;
  const dueJa = new Date(reminder.dueAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' });
  const body = [
    `${reminder.facilityName} の ${stay}（${reminder.nights}泊・${reminder.guestCount}名）の長期滞在について、確認の期限（${dueJa}）が過ぎています。`,
    `7泊以上の滞在では、届け出た宿泊者以外の人が滞在していないことを ${reminder.intervalDays} 日ごとに確認してください。`,
    '確認したら、管理画面の宿泊者名簿でこの宿泊を開き「滞在者を確認した」を押してください。確認が記録されるまで、このメールは毎週届きます。',
    '',
    `The long stay of ${stay} at ${reminder.facilityName} (${reminder.nights} nights, ${reminder.guestCount} guests) was due for confirmation at ${reminder.dueAt}.`,
    `For stays of 7 nights or more, confirm every ${reminder.intervalDays} days that no unregistered person is staying.`,
    'Then open the stay in the guest register of the admin app and press "Confirm guests". This mail comes weekly until a confirmation is recorded.',
  ].join('\n');
  await sendText(ses, input.from, input.to, `【長期滞在の確認】${reminder.facilityName} ${stay} / Long stay: confirm who is staying`, body);
}

async function sendText(ses: SESClient, from: string, to: string, subject: string, body: string): Promise<void> {
  await ses.send(
    new SendEmailCommand({
      Source: from,
      Destination: { ToAddresses: [to] },
      Message: {
        Subject: { Data: subject, Charset: 'UTF-8' },
        Body: { Text: { Data: body, Charset: 'UTF-8' } },
      },
    }),
  );
}
