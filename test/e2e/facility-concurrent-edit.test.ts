import type { Page } from 'playwright-core';
import { demoOffice } from '../../local/seed';
import { signInAsDemoOperator } from './support/admin-sign-in';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { createTestFacility } from './support/test-facility';

jest.setTimeout(240_000);

/** An invented facility of the demo tenant, so that the demo facility's door code stays as other tests expect. */
const facilityId = '130009901';
const storedHouseRule = '22時以降はお静かに。';

describe('facility edited in two tabs', () => {
  let browser: TestBrowser;
  let firstTab: Page;
  let secondTab: Page;

  beforeAll(async () => {
    await createTestFacility({
      facilityId,
      licenceType: 'private-lodging',
      entryCode: '4321#',
      houseRules: { ja: storedHouseRule },
      postalAddress: { postalCode: '111-0032', prefecture: '東京都', city: '台東区', street: '架空9-9-1' },
      officeId: demoOffice.officeId,
      capacity: 4,
    });
    browser = await launchTestBrowser();
    // Separate contexts, because each tab signs in on its own as an operator's second window would.
    firstTab = await (await browser.newContext()).newPage();
    secondTab = await (await browser.newContext()).newPage();
    for (const tab of [firstTab, secondTab]) {
      await signInAsDemoOperator(tab);
      await tab.goto(`${requiredEnv('OS_ADMIN_URL')}#/facilities/${facilityId}/edit`);
      await tab.getByTestId('facility-form').waitFor();
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('second save gets conflict message', async () => {
    await expect(secondTab.getByTestId('facility-entryCode').inputValue()).resolves.toBe('4321#');

    await firstTab.getByTestId('facility-entryCode').fill('9999');
    await firstTab.getByTestId('facility-save').click();
    await firstTab.getByTestId('facility-row').first().waitFor();
    await secondTab.getByTestId('facility-houseRules-ja').fill('土足厳禁です。');
    await secondTab.getByTestId('facility-save').click();

    const error = secondTab.getByTestId('form-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('再読み込み');
    await expect(secondTab.getByTestId('facility-houseRules-ja').inputValue()).resolves.toBe('土足厳禁です。');
    await expect(secondTab.getByTestId('facility-entryCode').inputValue()).resolves.toBe('4321#');
  });

  test('reload shows first save', async () => {
    await secondTab.reload();
    await secondTab.getByTestId('facility-form').waitFor();

    await expect(secondTab.getByTestId('facility-entryCode').inputValue()).resolves.toBe('9999');
    await expect(secondTab.getByTestId('facility-houseRules-ja').inputValue()).resolves.toBe(storedHouseRule);
  });

  test('save after reload succeeds', async () => {
    await secondTab.getByTestId('facility-houseRules-ja').fill('土足厳禁です。');
    await secondTab.getByTestId('facility-save').click();
    await secondTab.getByTestId('facility-row').first().waitFor();

    await secondTab.goto(`${requiredEnv('OS_ADMIN_URL')}#/facilities/${facilityId}/edit`);
    await secondTab.getByTestId('facility-form').waitFor();
    await expect(secondTab.getByTestId('facility-entryCode').inputValue()).resolves.toBe('9999');
    await expect(secondTab.getByTestId('facility-houseRules-ja').inputValue()).resolves.toBe('土足厳禁です。');
  });
});
