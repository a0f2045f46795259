import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AdminDisableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { DeviceRepository } from '../../lambdas/device/device-repository';
import { FacilityRepository } from '../../lambdas/facility/facility-repository';
import { TenantRepository } from '../../lambdas/organisation/tenant-repository';
import { createPoolUser, localCognito, testPassword } from '../integration/support/operator-accounts';
import { authenticatorError, authenticatorField, authenticatorScreens, authenticatorSubmit, signInAsDemoOperator, submitSignIn } from './support/admin-sign-in';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { currentTotpCode } from './support/totp';

const screenshotDir = path.join(__dirname, '..', 'output', 'e2e');

jest.setTimeout(240_000);

/** Phone and PC sizes the admin app is laid out for. */
const viewports = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'pc', width: 1366, height: 768 },
] as const;

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Invented facilities for the import. Names start with わ so that they sort after the demo
 * facility, whose register the check-in test opens as the first facility.
 */
function importFile(size: string, licenceBase: number): Buffer {
  const header = '施設名,営業種別,届出番号・許可番号,郵便番号,都道府県,市区町村,番地,定員,拠点名';
  const rows = [0, 1, 2].map((index) => `わかば荘${size}-${index},住宅宿泊事業,M13${licenceBase + index},111-0032,東京都,台東区,架空${index}-1,4,東京拠点`);
  rows.push(`わかば荘${size}-bad,住宅宿泊事業,M13${licenceBase + 9},12-3,東京都,台東区,架空9-1,4,東京拠点`);
  return iconv.encode([header, ...rows].join('\r\n') + '\r\n', 'cp932');
}

describe.each(viewports)('head-office screens at $width×$height', (viewport) => {
  let browser: TestBrowser;
  let page: Page;
  const size = viewport.name;
  const licenceBase = size === 'phone' ? 9100000 : 9200000;

  beforeAll(async () => {
    browser = await launchTestBrowser();
    page = await (await browser.newContext({ width: viewport.width, height: viewport.height })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('sign-in screen', async () => {
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await page.locator(authenticatorScreens.signIn).waitFor();

    await expect(page.locator('[data-amplify-authenticator] h1').textContent()).resolves.toBe('サインイン');
    await expect(authenticatorSubmit(page, 'signIn').textContent()).resolves.toBe('サインイン');
    await screenshot(page, `admin-sign-in-${size}`);
    await signInAsDemoOperator(page);
  });

  test('facilities list', async () => {
    await page.getByTestId('nav-facilities').click();
    await page.getByTestId('facility-row').first().waitFor();

    await expect(page.getByTestId('facility-create').textContent()).resolves.toBe('施設を登録');
    await screenshot(page, `admin-facilities-${size}`);
  });

  test('demo facility opens filled in', async () => {
    await page.goto(`${requiredEnv('OS_ADMIN_URL')}#/facilities/${requiredEnv('OS_DEMO_FACILITY_ID')}/edit`);
    await page.getByTestId('facility-form').waitFor();

    await expect(page.getByTestId('facility-postalCode').inputValue()).resolves.toBe('111-0032');
    await expect(page.getByTestId('facility-city').inputValue()).resolves.toBe('台東区');
    await expect(page.getByTestId('facility-street').inputValue()).resolves.not.toBe('');
    await expect(page.getByTestId('facility-capacity').inputValue()).resolves.toBe('4');
    await page.getByTestId('nav-facilities').click();
  });

  test('facility form summary matches field error', async () => {
    await page.getByTestId('facility-create').click();
    await page.getByTestId('facility-form').waitFor();
    await page.getByTestId('facility-name').fill(`わたぼうし荘 ${size}`);
    await page.getByTestId('facility-licenceNumber').fill(`M13${'0'.repeat(70)}`);
    await page.getByTestId('facility-postalCode').fill('111-0032');
    await page.getByTestId('facility-city').fill('台東区');
    await page.getByTestId('facility-street').fill('架空5-1');
    await page.getByTestId('facility-capacity').fill('3');
    await page.getByTestId('facility-save').click();

    await page.locator('#licenceNumber-error').waitFor();
    const fieldMessage = await page.locator('#licenceNumber-error').textContent();
    expect(fieldMessage).toBe('届出番号・許可番号: 64 文字以内で指定してください');
    await expect(page.getByTestId('form-error').textContent()).resolves.toBe(fieldMessage);

    await page.getByTestId('language-switch').selectOption('en');
    const englishFieldMessage = await page.locator('#licenceNumber-error').textContent();
    expect(englishFieldMessage).toBe('notification or licence number: must be at most 64 characters');
    await expect(page.getByTestId('form-error').textContent()).resolves.toBe(englishFieldMessage);
    await page.getByTestId('language-switch').selectOption('ja');
  });

  test('facility form lists every field error', async () => {
    await page.getByTestId('facility-postalCode').fill('12-34');
    await page.getByTestId('facility-city').fill('');
    await page.getByTestId('facility-capacity').fill('0');
    await page.getByTestId('facility-save').click();
    await page.locator('#city-error').waitFor();

    const listed = await page.getByTestId('form-error-field').allTextContents();
    for (const field of ['licenceNumber', 'postalCode', 'city', 'capacity']) {
      expect(listed).toContain(await page.locator(`#${field}-error`).textContent());
    }
    await expect(page.getByTestId('form-error').textContent()).resolves.toContain(`${listed.length} 件の項目に誤りがあります`);
    await screenshot(page, `admin-facility-form-errors-${size}`);

    await page.getByTestId('facility-city').fill('台東区');
    await page.getByTestId('facility-capacity').fill('3');
  });

  test('facility form shows field errors', async () => {
    await page.getByTestId('facility-licenceNumber').fill(`M13${licenceBase + 50}`);
    await page.getByTestId('facility-postalCode').fill('12-34');
    await page.getByTestId('facility-save').click();

    await page.locator('#postalCode-error').waitFor();
    await expect(page.locator('#postalCode-error').textContent()).resolves.toMatch(/^郵便番号: 7 桁の数字/);
    await expect(page.getByTestId('form-error').textContent()).resolves.toBe(await page.locator('#postalCode-error').textContent());
    await screenshot(page, `admin-facility-form-error-${size}`);

    await page.getByTestId('facility-postalCode').fill('111-0032');
    await page.getByTestId('facility-save').click();
    await page.getByTestId('facility-row').filter({ hasText: `わたぼうし荘 ${size}` }).waitFor();
  });

  test('CSV import preview and confirm', async () => {
    await page.getByTestId('facility-import').click();
    await page.getByTestId('import-file').setInputFiles({ name: 'facilities.csv', mimeType: 'text/csv', buffer: importFile(size, licenceBase) });
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-result').waitFor();

    await expect(page.getByTestId('import-counts').textContent()).resolves.toContain('Shift_JIS');
    await expect(page.locator('[data-testid="import-row"][data-action="invalid"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="import-row"][data-action="invalid"]').textContent()).resolves.toContain('郵便番号: 7 桁の数字');
    await expect(page.locator('[data-testid="import-row"][data-action="invalid"]').getByTestId('import-row-name').textContent()).resolves.toBe(`わかば荘${size}-bad`);
    await screenshot(page, `admin-import-preview-${size}`);

    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    await expect(page.getByTestId('import-done').textContent()).resolves.toContain('新規 3 件');
    await screenshot(page, `admin-import-done-${size}`);
  });

  test('offices', async () => {
    await page.getByTestId('nav-offices').click();
    await page.getByTestId('office-row').first().waitFor();

    await screenshot(page, `admin-offices-${size}`);
  });

  test('invite a user', async () => {
    await page.getByTestId('nav-users').click();
    await page.getByTestId('invite-form').waitFor();
    await page.getByTestId('invite-email').fill(`e2e-invitee-${size}@example.invalid`);
    const inviteForm = page.getByTestId('invite-form');
    const officeBoxes = await inviteForm.locator('[data-testid^="user-office-"]').all();
    expect(officeBoxes.length).toBeGreaterThan(0);
    for (const box of officeBoxes) expect(await box.isChecked()).toBe(false);
    await inviteForm.getByTestId('user-office-demo-office-tokyo').check();
    await page.getByTestId('invite-submit').click();

    await page.getByTestId('invite-sent').waitFor();
    await page.locator('[data-testid="user-row"]', { hasText: `e2e-invitee-${size}@example.invalid` }).waitFor();
    await screenshot(page, `admin-users-${size}`);
  });

  test('settings', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('allowlist-form').waitFor();

    await expect(page.getByTestId('allowlist-state').textContent()).resolves.toContain('制限なし');
    await screenshot(page, `admin-settings-${size}`);

    await page.getByTestId('allowlist-input').fill('203.0.113.0/24\noffice wifi\n\n10.0.0.300');
    await page.getByTestId('allowlist-save').click();
    await page.getByTestId('form-error-field').first().waitFor();

    const listed = await page.getByTestId('form-error-field').allTextContents();
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatch(/^IP 許可リストの 2 行目: IP アドレスか CIDR/);
    expect(listed[1]).toMatch(/^IP 許可リストの 4 行目: IP アドレスか CIDR/);
    await expect(page.getByTestId('allowlist-state').textContent()).resolves.toContain('制限なし');
    await page.getByTestId('allowlist-input').fill('');
  });

  test('English switch', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('nav-facilities').click();

    await expect(page.getByTestId('facility-create').textContent()).resolves.toBe('Add facility');
    await screenshot(page, `admin-facilities-en-${size}`);
    await page.getByTestId('language-switch').selectOption('ja');
  });
});

/** Creates a DynamoDB client for the local system that the e2e run started. */
function localDynamo(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: requiredEnv('OS_DYNAMODB_ENDPOINT'),
    region: requiredEnv('OS_REGION'),
    credentials: { accessKeyId: requiredEnv('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: requiredEnv('OS_AWS_SECRET_ACCESS_KEY') },
  });
}

/**
 * Creates a staff user of the demo tenant in cognito-local and the Directory, signed in with
 * `testPassword`, or invited with `temporaryPassword`. A `disabled` user is disabled in both,
 * as the owner's user screen does it.
 */
async function createDemoStaff(email: string, options: { temporaryPassword?: string; disabled?: boolean } = {}): Promise<void> {
  const cognito = localCognito();
  const dynamo = localDynamo();
  try {
    const userId = await createPoolUser(cognito, { email, tenantId: requiredEnv('OS_DEMO_TENANT_ID'), group: 'staff', temporaryPassword: options.temporaryPassword });
    await new TenantRepository(DynamoDBDocumentClient.from(dynamo), requiredEnv('OS_DIRECTORY_TABLE')).putOperatorUser({
      tenantId: requiredEnv('OS_DEMO_TENANT_ID'),
      userId,
      email,
      role: 'staff',
      officeIds: ['demo-office-tokyo'],
      status: options.disabled ? 'disabled' : 'active',
    });
    if (options.disabled) {
      await cognito.send(new AdminDisableUserCommand({ UserPoolId: requiredEnv('OS_USER_POOL_ID'), Username: email }));
    }
  } finally {
    cognito.destroy();
    dynamo.destroy();
  }
}

describe('forgotten password', () => {
  let browser: TestBrowser;
  const email = 'e2e-forgetful@example.invalid';

  beforeAll(async () => {
    browser = await launchTestBrowser();
    await createDemoStaff(email);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The code cognito-local "mailed": it keeps the last one on the user in its database file. */
  function mailedCode(): string {
    const file = path.join(requiredEnv('OS_STATE_DIR'), 'cognito', '.cognito', 'db', `${requiredEnv('OS_USER_POOL_ID')}.json`);
    const database = JSON.parse(readFileSync(file, 'utf8')) as { Users: Record<string, { Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }> };
    const user = Object.values(database.Users).find((candidate) => candidate.Attributes.some((attribute) => attribute.Name === 'email' && attribute.Value === email));
    if (!user?.ConfirmationCode) throw new Error('cognito-local stored no confirmation code for the test user.');
    return user.ConfirmationCode;
  }

  test('code by mail sets a new password', async () => {
    const page = await (await browser.newContext({ width: 375, height: 667 })).newPage();
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await page.getByRole('button', { name: 'パスワードを忘れた場合' }).click();
    await authenticatorField(page, 'forgotPassword', 'username').fill(email);
    await screenshot(page, 'admin-forgot-password-phone');
    await authenticatorSubmit(page, 'forgotPassword').click();
    await authenticatorField(page, 'confirmResetPassword', 'confirmation_code').waitFor();
    await screenshot(page, 'admin-forgot-password-code-phone');

    await authenticatorField(page, 'confirmResetPassword', 'confirmation_code').fill('000000');
    await authenticatorField(page, 'confirmResetPassword', 'password').fill('Forgetful-New-2026!');
    await authenticatorField(page, 'confirmResetPassword', 'confirm_password').fill('Forgetful-New-2026!');
    await authenticatorSubmit(page, 'confirmResetPassword').click();
    await expect(authenticatorError(page, 'confirmResetPassword').textContent()).resolves.toContain('確認コードが正しくないか、期限切れです');

    await authenticatorField(page, 'confirmResetPassword', 'confirmation_code').fill(mailedCode());
    await authenticatorSubmit(page, 'confirmResetPassword').click();
    await page.locator(authenticatorScreens.signIn).waitFor();
    await submitSignIn(page, email, 'Forgetful-New-2026!');

    await page.getByTestId('operator').waitFor();
    await expect(page.getByTestId('nav-users').count()).resolves.toBe(0);
  });
});

describe('phone layout at 390×844', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('report tables scroll inside their cards', async () => {
    const page = await (await browser.newContext({ width: 390, height: 844 })).newPage();
    await signInAsDemoOperator(page);
    await page.goto(`${requiredEnv('OS_ADMIN_URL')}#/reports`);
    const period = page.getByTestId('report-period').first();
    await period.waitFor();
    await screenshot(page, 'admin-reports-390');
    await period.screenshot({ path: path.join(screenshotDir, 'admin-reports-period-390.png') });

    const headerLineCounts = await period.locator('thead th').evaluateAll((cells) =>
      cells.map((cell) => {
        const text = document.createRange();
        text.selectNodeContents(cell);
        return text.getClientRects().length;
      }),
    );
    const card = await period.evaluate((element) => ({ right: element.getBoundingClientRect().right, pageWidth: document.documentElement.scrollWidth }));
    expect(headerLineCounts.length).toBeGreaterThan(0);
    expect(headerLineCounts.every((count) => count === 1)).toBe(true);
    expect(card.right).toBeLessThanOrEqual(390);
    expect(card.pageWidth).toBeLessThanOrEqual(390);
  });
  test('device actions fit phone width', async () => {
    const facilityId = await createFacilityWithDevice();
    const page = await (await browser.newContext({ width: 390, height: 844 })).newPage();
    await signInAsDemoOperator(page);
    await page.getByTestId('nav-facilities').click();
    const facilityRow = page.locator(`[data-testid="facility-row"][data-facility-id="${facilityId}"]`);
    await facilityRow.getByTestId('facility-devices-toggle').click();
    const deviceRow = facilityRow.getByTestId('device-row').first();
    await deviceRow.waitFor();
    await screenshot(page, 'admin-devices-390');

    const buttonLineCounts = await deviceRow.locator('button').evaluateAll((buttons) =>
      buttons.map((button) => {
        const text = document.createRange();
        text.selectNodeContents(button);
        return text.getClientRects().length;
      }),
    );
    const panel = await facilityRow.getByTestId('devices-panel').evaluate((element) => ({
      right: element.getBoundingClientRect().right,
      pageWidth: document.documentElement.scrollWidth,
    }));
    expect(buttonLineCounts).toHaveLength(2);
    expect(buttonLineCounts.every((count) => count === 1)).toBe(true);
    expect(panel.right).toBeLessThanOrEqual(390);
    expect(panel.pageWidth).toBeLessThanOrEqual(390);
  });
});

/**
 * Adds an invented facility of the demo tenant with one paired kiosk, straight to the Directory,
 * so that the devices panel has a row without a kiosk test pairing one. The facility is its own,
 * so the tests that revoke the demo facility's last kiosk never see this one.
 */
async function createFacilityWithDevice(): Promise<string> {
  const dynamo = localDynamo();
  const documents = DynamoDBDocumentClient.from(dynamo);
  const tenantId = requiredEnv('OS_DEMO_TENANT_ID');
  const facilityId = 'e2e-phone-devices';
  try {
    await new FacilityRepository(documents, requiredEnv('OS_DIRECTORY_TABLE')).createFacility({
      tenantId,
      facilityId,
      name: 'わかば荘 端末表示',
      licenceType: 'private-lodging',
      licenceNumber: 'M139300001',
      address: '〒111-0032 東京都台東区架空9-9-9',
      officeId: 'demo-office-tokyo',
    });
    await new DeviceRepository(documents, requiredEnv('OS_DIRECTORY_TABLE')).createDevice({
      tenantId,
      facilityId,
      deviceId: 'e2e-phone-device',
      cognitoUsername: 'kiosk-e2e-phone-device',
      name: '玄関の iPad',
      status: 'active',
      pairedAt: '2026-04-01T00:00:00.000Z',
    });
  } finally {
    dynamo.destroy();
  }
  return facilityId;
}

describe('staff without grants', () => {
  let browser: TestBrowser;
  let page: Page;
  const email = 'e2e-plain-staff@example.invalid';

  beforeAll(async () => {
    browser = await launchTestBrowser();
    await createDemoStaff(email);
    page = await (await browser.newContext({ width: 390, height: 844 })).newPage();
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await submitSignIn(page, email, testPassword);
    await page.getByTestId('operator').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test.each([['#/users'], ['#/settings'], ['#/audit-log'], ['#/reports'], ['#/facilities/new'], ['#/facilities/import']])(
    '%s opened by URL shows no-permission page',
    async (hash) => {
      await page.goto(`${requiredEnv('OS_ADMIN_URL')}${hash}`);
      const notice = page.getByTestId('no-permission');
      await notice.waitFor();

      await expect(notice.textContent()).resolves.toContain('この画面を表示する権限がありません');
      await expect(notice.textContent()).resolves.toContain('You do not have permission to open this screen');
      await expect(page.getByTestId('invite-form').count()).resolves.toBe(0);
      await expect(page.getByTestId('error').count()).resolves.toBe(0);
    },
  );

  test('menu hides screens staff cannot open', async () => {
    await page.goto(`${requiredEnv('OS_ADMIN_URL')}#/dashboard`);
    await page.getByTestId('nav-register').waitFor();

    await expect(page.getByTestId('nav-users').count()).resolves.toBe(0);
    await expect(page.getByTestId('nav-audit-log').count()).resolves.toBe(0);
    await expect(page.getByTestId('nav-reports').count()).resolves.toBe(0);
  });

  test('register explains missing export grant', async () => {
    await page.getByTestId('nav-register').click();
    await page.getByTestId('register-facility').selectOption(requiredEnv('OS_DEMO_FACILITY_ID'));
    await page.getByTestId('register-search').click();
    const notice = page.getByTestId('register-export-not-permitted');
    await notice.waitFor();
    await screenshot(page, 'admin-register-staff-phone');

    await expect(notice.textContent()).resolves.toContain('宿泊者名簿のエクスポート');
    await expect(page.getByTestId('register-export').count()).resolves.toBe(0);
    await expect(page.getByTestId('register-export-pdf').count()).resolves.toBe(0);
  });
});

describe('two-step verification', () => {
  let browser: TestBrowser;
  const email = 'e2e-two-step@example.invalid';

  beforeAll(async () => {
    browser = await launchTestBrowser();
    await createDemoStaff(email);
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('TOTP setup then required at sign-in', async () => {
    const page = await (await browser.newContext({ width: 1366, height: 768 })).newPage();
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await submitSignIn(page, email, testPassword);
    await page.getByTestId('nav-account').click();
    await page.getByTestId('totp-start').click();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    await screenshot(page, 'admin-account-totp-pc');

    await page.getByTestId('totp-setup-code').fill('000000');
    await page.getByTestId('totp-verify').click();
    await page.getByTestId('totp-setup-error').waitFor();
    await page.getByTestId('totp-setup-code').fill(currentTotpCode(secret));
    await page.getByTestId('totp-verify').click();
    await page.getByTestId('totp-enabled').waitFor();

    await page.getByTestId('sign-out').click();
    await submitSignIn(page, email, testPassword);
    await authenticatorField(page, 'confirmSignIn', 'confirmation_code').fill('000000');
    await authenticatorSubmit(page, 'confirmSignIn').click();
    await expect(authenticatorError(page, 'confirmSignIn').textContent()).resolves.toContain('確認コードが正しくないか、期限切れです');
    await screenshot(page, 'admin-sign-in-totp-pc');
    await authenticatorField(page, 'confirmSignIn', 'confirmation_code').fill(currentTotpCode(secret));
    await authenticatorSubmit(page, 'confirmSignIn').click();

    await page.getByTestId('operator').waitFor();
  });
});

describe('sign-in screen', () => {
  let browser: TestBrowser;
  const invitedEmail = 'e2e-invited@example.invalid';
  const temporaryPassword = 'Temporary-Pass-2026!';
  const disabledEmail = 'e2e-disabled@example.invalid';

  beforeAll(async () => {
    browser = await launchTestBrowser();
    await createDemoStaff(invitedEmail, { temporaryPassword });
    await createDemoStaff(disabledEmail, { disabled: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('wrong password in Japanese', async () => {
    const page = await (await browser.newContext({ width: 375, height: 667 })).newPage();
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await submitSignIn(page, requiredEnv('OS_DEMO_OPERATOR_EMAIL'), 'Not-The-Password-2026!');

    await expect(authenticatorError(page, 'signIn').textContent()).resolves.toContain('メールアドレスまたはパスワードが正しくありません');
    await screenshot(page, 'admin-sign-in-error-phone');
  });

  test('empty fields named', async () => {
    const page = await (await browser.newContext({ width: 375, height: 667 })).newPage();
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await page.locator(authenticatorScreens.signIn).waitFor();

    await authenticatorSubmit(page, 'signIn').click();
    await expect(authenticatorError(page, 'signIn').textContent()).resolves.toContain('メールアドレスとパスワードを入力してください');
    await authenticatorField(page, 'signIn', 'username').fill(requiredEnv('OS_DEMO_OPERATOR_EMAIL'));
    await authenticatorSubmit(page, 'signIn').click();
    // Exact, because the first message also ends with this text.
    await authenticatorError(page, 'signIn').getByText('パスワードを入力してください。', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'パスワードを忘れた場合' }).click();
    await authenticatorSubmit(page, 'forgotPassword').click();
    await expect(authenticatorError(page, 'forgotPassword').textContent()).resolves.toContain('メールアドレスを入力してください');
    await authenticatorField(page, 'forgotPassword', 'username').fill('e2e-nobody@example.invalid');
    await authenticatorSubmit(page, 'forgotPassword').click();
    await expect(authenticatorError(page, 'forgotPassword').textContent()).resolves.toContain('このメールアドレスではパスワードを再設定できませんでした');
    await expect(authenticatorError(page, 'forgotPassword').textContent()).resolves.not.toContain('パスワードが正しくありません');
  });

  test('English switch', async () => {
    const page = await (await browser.newContext({ width: 375, height: 667 })).newPage();
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await page.locator(authenticatorScreens.signIn).waitFor();
    await page.getByTestId('language-switch').selectOption('en');

    await expect(authenticatorSubmit(page, 'signIn').textContent()).resolves.toBe('Sign in');
    await expect(page.locator(`${authenticatorScreens.signIn} label`).first().textContent()).resolves.toBe('Email address');
    await screenshot(page, 'admin-sign-in-en-phone');
    await submitSignIn(page, requiredEnv('OS_DEMO_OPERATOR_EMAIL'), 'Not-The-Password-2026!');
    await expect(authenticatorError(page, 'signIn').textContent()).resolves.toContain('Incorrect email address or password');
    await page.getByTestId('language-switch').selectOption('ja');
  });

  test('invited user sets a new password', async () => {
    const page = await (await browser.newContext({ width: 1366, height: 768 })).newPage();
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await submitSignIn(page, invitedEmail, temporaryPassword);
    await expect(page.getByTestId('password-rules').textContent()).resolves.toContain('12 文字以上');
    await authenticatorField(page, 'forceNewPassword', 'password').fill('Short-1!');
    await authenticatorField(page, 'forceNewPassword', 'confirm_password').focus();
    await page.getByText('12 文字以上にしてください / Password must have at least 12 characters').waitFor();
    await authenticatorField(page, 'forceNewPassword', 'password').fill('Invited-New-Pass-2026!');
    await authenticatorField(page, 'forceNewPassword', 'confirm_password').fill('Invited-Other-Pass-2026!');
    await authenticatorField(page, 'forceNewPassword', 'password').focus();
    await page.getByText('確認用のパスワードが一致しません').waitFor();
    await screenshot(page, 'admin-new-password-pc');

    await authenticatorField(page, 'forceNewPassword', 'password').fill('Invited-New-Pass-2026!');
    await authenticatorField(page, 'forceNewPassword', 'confirm_password').fill('Invited-New-Pass-2026!');
    await authenticatorSubmit(page, 'forceNewPassword').click();

    await page.getByTestId('operator').waitFor();
    await expect(page.getByTestId('operator-user').textContent()).resolves.toContain(invitedEmail);
  });

  // cognito-local 5.3 signs disabled users in; deployed Cognito keeps their earlier tokens valid.
  test('disabled user is shown why', async () => {
    const page = await (await browser.newContext({ width: 375, height: 667 })).newPage();
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await submitSignIn(page, disabledEmail, testPassword);

    await expect(page.getByTestId('error').first().textContent()).resolves.toContain('このアカウントは無効にされています');
    await screenshot(page, 'admin-user-disabled-phone');
  });
});
