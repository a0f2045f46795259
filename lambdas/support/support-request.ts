import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { z } from 'zod';
import { rejectForbiddenCharacters } from '../http/forbidden-characters';
import { requestBodyLabel, type FieldLabels } from '../http/validation-messages';

/** Topic of a support request; support sorts its mail by it. */
export const supportCategories = ['question', 'problem', 'billing', 'cancellation', 'other'] as const;
export type SupportCategory = (typeof supportCategories)[number];

const required = '必須です / required';

export const supportRequestSchema = z
  .object({
    category: z.enum(supportCategories, { required_error: required }),
    subject: rejectForbiddenCharacters(z.string({ required_error: required }).trim().min(1, required).max(200)),
    message: rejectForbiddenCharacters(z.string({ required_error: required }).trim().min(1, required).max(5000), { allowLineBreaks: true }),
  })
  .strict();

export type SupportRequest = z.infer<typeof supportRequestSchema>;

/** Labels of the support form's fields, which error messages name. */
export const supportFieldLabels: FieldLabels = {
  body: requestBodyLabel,
  category: { ja: '種類', en: 'category' },
  subject: { ja: '件名', en: 'subject' },
  message: { ja: '内容', en: 'message' },
};

const categoryNames: Readonly<Record<SupportCategory, readonly [string, string]>> = {
  question: ['使い方の質問', 'question'],
  problem: ['不具合', 'problem'],
  billing: ['請求・見積', 'billing or quote'],
  cancellation: ['プラン変更・解約', 'plan change or cancellation'],
  other: ['その他', 'other'],
};

/** Sender of a request, taken from the verified token and the Directory table, never from the body. */
export interface SupportRequester {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly userId: string;
  readonly email: string;
  readonly displayName?: string;
  readonly role: string;
}

/**
 * Mails the request to the support address with the requester's email as Reply-To, then mails
 * the requester a receipt with the reference, both in Japanese and English. The message itself
 * goes only into the mail to support, because an operator may quote guest data in it.
 */
export async function sendSupportRequest(
  ses: SESClient,
  input: { from: string; supportAddress: string; reference: string; requester: SupportRequester; request: SupportRequest },
): Promise<void> {
  const { requester, request, reference } = input;
  const [categoryJa, categoryEn] = categoryNames[request.category];
  const requesterName = requester.displayName ? `${requester.displayName} <${requester.email}>` : requester.email;
  await ses.send(
    new SendEmailCommand({
      Source: input.from,
      Destination: { ToAddresses: [input.supportAddress] },
      ReplyToAddresses: [requester.email],
      Message: {
        Subject: { Data: `【サポート ${reference}】${categoryJa} / ${categoryEn}: ${request.subject}`, Charset: 'UTF-8' },
        Body: {
          Text: {
            Data: [
              `受付番号 / Reference: ${reference}`,
              `事業者 / Tenant: ${requester.tenantName} (${requester.tenantId})`,
              `送信者 / From: ${requesterName} (${requester.role}, ${requester.userId})`,
              `種類 / Category: ${categoryJa} / ${categoryEn}`,
              `件名 / Subject: ${request.subject}`,
              '',
              request.message,
            ].join('\n'),
            Charset: 'UTF-8',
          },
        },
      },
    }),
  );
  await ses.send(
    new SendEmailCommand({
      Source: input.from,
      Destination: { ToAddresses: [requester.email] },
      Message: {
        Subject: { Data: `【OPEN SESAME!】お問い合わせを受け付けました / We received your request (${reference})`, Charset: 'UTF-8' },
        Body: {
          Text: {
            Data: [
              `お問い合わせを受け付けました。受付番号は ${reference} です。サポートからこのアドレスに返信します。`,
              `件名: ${request.subject}`,
              '',
              '---',
              '',
              `We received your request. Its reference is ${reference}. Support will reply to this address.`,
              `Subject: ${request.subject}`,
            ].join('\n'),
            Charset: 'UTF-8',
          },
        },
      },
    }),
  );
}
