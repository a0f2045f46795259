import { mkdirSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';

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

async function signIn(page: Page): Promise<void> {
  await page.goto(requiredEnv('OS_ADMIN_URL'));
  await page.getByTestId('sign-in-email').fill(requiredEnv('OS_DEMO_OPERATOR_EMAIL'));
  await page.getByTestId('sign-in-password').fill(requiredEnv('OS_DEMO_OPERATOR_PASSWORD'));
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('operator').waitFor();
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
    await signIn(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('facilities list', async () => {
    await page.getByTestId('nav-facilities').click();
    await page.getByTestId('facility-row').first().waitFor();

    await expect(page.getByTestId('facility-create').textContent()).resolves.toBe('施設を登録');
    await screenshot(page, `admin-facilities-${size}`);
  });

  test('facility form shows field errors', async () => {
    await page.getByTestId('facility-create').click();
    await page.getByTestId('facility-form').waitFor();
    await page.getByTestId('facility-name').fill(`わたぼうし荘 ${size}`);
    await page.getByTestId('facility-licenceNumber').fill(`M13${licenceBase + 50}`);
    await page.getByTestId('facility-postalCode').fill('12-34');
    await page.getByTestId('facility-city').fill('台東区');
    await page.getByTestId('facility-street').fill('架空5-1');
    await page.getByTestId('facility-capacity').fill('3');
    await page.getByTestId('facility-save').click();

    await page.locator('#postalCode-error').waitFor();
    await expect(page.locator('#postalCode-error').textContent()).resolves.toMatch(/^郵便番号: 7 桁の数字/);
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
  });

  test('English switch', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('nav-facilities').click();

    await expect(page.getByTestId('facility-create').textContent()).resolves.toBe('Add facility');
    await screenshot(page, `admin-facilities-en-${size}`);
    await page.getByTestId('language-switch').selectOption('ja');
  });
});
