import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';

export interface UserInvitation {
  readonly tenantName: string;
  readonly email: string;
  readonly temporaryPassword: string;
  readonly signInUrl: string;
  /** Days until the temporary password expires (the pool's `tempPasswordValidity`). */
  readonly validDays: number;
}

const roleNames = { owner: ['オーナー', 'owner'], manager: ['マネージャー', 'manager'], staff: ['スタッフ', 'staff'] } as const;

/**
 * Mails a new head-office user their sign-in, in Japanese and then English. The temporary
 * password appears only in this mail: never in a response or a log line.
 */
export async function sendUserInvitation(
  ses: SESClient,
  input: { from: string; invitation: UserInvitation; role: keyof typeof roleNames },
): Promise<void> {
  const { tenantName, email, temporaryPassword, signInUrl, validDays } = input.invitation;
  const [roleJa, roleEn] = roleNames[input.role];
  const body = [
    `${tenantName} から OPEN SESAME! 管理画面に${roleJa}として招待されました。`,
    '',
    `サインイン: ${signInUrl}`,
    `メールアドレス: ${email}`,
    `仮パスワード: ${temporaryPassword}`,
    '',
    `仮パスワードの有効期限は ${validDays} 日です。最初のサインインで新しいパスワードを設定してください。`,
    'パスワードを忘れたときは、サインイン画面の「パスワードを忘れた場合」から再設定できます。',
    '心当たりがない場合は、このメールを破棄してください。',
    '',
    '---',
    '',
    `${tenantName} invited you to the OPEN SESAME! admin app as ${roleEn}.`,
    '',
    `Sign in: ${signInUrl}`,
    `Email: ${email}`,
    `Temporary password: ${temporaryPassword}`,
    '',
    `The temporary password expires in ${validDays} days. Choose a new password when you first sign in.`,
    'If you forget your password, reset it from "Forgot password" on the sign-in screen.',
    'If you did not expect this invitation, you can ignore this mail.',
  ].join('\n');
  await ses.send(
    new SendEmailCommand({
      Source: input.from,
      Destination: { ToAddresses: [email] },
      Message: {
        Subject: { Data: `【OPEN SESAME!】管理画面への招待 / Invitation to the admin app (${tenantName})`, Charset: 'UTF-8' },
        Body: { Text: { Data: body, Charset: 'UTF-8' } },
      },
    }),
  );
}
