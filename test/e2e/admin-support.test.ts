import { signInAsDemoOperator } from './support/admin-sign-in';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';

/**
 * A head-office user sends OPEN SESAME! support a request from admin-web: a missing subject is
 * named on the form, and a complete request reaches the support address with a reference that
 * the page shows.
 */

jest.setTimeout(120_000);

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  replyTo?: string[];
  body: { text: string };
}

async function storedMails(): Promise<StoredMail[]> {
  const response = await fetch(`${requiredEnv('OS_SES_ENDPOINT')}/store`);
  return ((await response.json()) as { emails: StoredMail[] }).emails;
}

describe('admin-web support', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('request reaches support', async () => {
    const admin = await (await browser.newContext({ width: 1366, height: 900 })).newPage();
    await signInAsDemoOperator(admin);
    await admin.getByTestId('nav-support').click();
    await admin.getByTestId('support-form').waitFor();

    await admin.getByTestId('support-message').fill('定期報告の CSV の列について教えてください。');
    await admin.getByTestId('support-send').click();
    await admin.getByTestId('form-error').waitFor();
    await expect(admin.getByTestId('form-error').textContent()).resolves.toContain('件名');

    await admin.getByTestId('support-category').selectOption('question');
    await admin.getByTestId('support-subject').fill('定期報告の CSV について');
    await admin.getByTestId('support-send').click();
    await admin.getByTestId('support-sent').waitFor();

    const reference = /SR-\d{8}-[0-9A-F]{6}/.exec((await admin.getByTestId('support-sent').textContent()) ?? '')?.[0];
    expect(reference).toBeDefined();
    const mail = (await storedMails()).find((stored) => stored.subject.includes(reference!) && stored.replyTo !== undefined);
    expect(mail?.subject).toContain('定期報告の CSV について');
    expect(mail?.replyTo).toEqual([requiredEnv('OS_DEMO_OPERATOR_EMAIL')]);
    expect(mail?.body.text).toContain('定期報告の CSV の列について教えてください。');
    await admin.context().close();
  });
});
