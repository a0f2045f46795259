import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';

export interface CheckInNotice {
  readonly facilityName: string;
  readonly arrivalDate: string;
  readonly departureDate: string;
  readonly guestCount: number;
}

/**
 * Mails the operator that a stay has checked in. The notice names the facility, the dates and
 * the number of guests only: guest PII never goes into mail to the operator.
 */
export async function sendCheckInNotice(
  ses: SESClient,
  input: { from: string; to: string; notice: CheckInNotice },
): Promise<void> {
  const { facilityName, arrivalDate, departureDate, guestCount } = input.notice;
  const body = [
    `${facilityName} でチェックインがありました。`,
    `宿泊日: ${arrivalDate} 〜 ${departureDate}`,
    `人数: ${guestCount} 名`,
    '宿泊者の情報は管理画面の宿泊者名簿で確認できます。',
    '',
    `A guest check-in was completed at ${facilityName}.`,
    `Stay: ${arrivalDate} to ${departureDate}`,
    `Guests: ${guestCount}`,
    'Open the guest register in the admin app to see the details.',
  ].join('\n');
  await ses.send(
    new SendEmailCommand({
      Source: input.from,
      Destination: { ToAddresses: [input.to] },
      Message: {
        Subject: { Data: `【チェックイン】${facilityName} ${arrivalDate} / Check-in received`, Charset: 'UTF-8' },
        Body: { Text: { Data: body, Charset: 'UTF-8' } },
      },
    }),
  );
}
