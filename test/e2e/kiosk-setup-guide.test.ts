import { locales } from '../../kiosk/src/i18n/locales';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { signInAsDemoOperator } from './support/admin-sign-in';
import { saveScreenshot } from './support/screenshots';
import { createTestFacility } from './support/test-facility';

/**
 * The iPad setup as the guides in docs/en and docs/ja describe it: the operator creates a
 * pairing code in admin-web, staff type it on the kiosk, and the kiosk opens the language
 * screen with its status line. The screenshots of this test illustrate the guides.
 */

const facility = { facilityId: `e2e-setup-${Date.now().toString(36)}`, licenceType: 'private-lodging' as const };

/** Returns the kiosk's pairing message of `key` in each of its languages, whichever the browser chose. */
function pairingMessages(key: 'invalidFormat' | 'rejected'): string[] {
  return Object.values(locales).map((messages) => messages.pairing[key]);
}

jest.setTimeout(120_000);

describe('iPad kiosk setup', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    await createTestFacility(facility);
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('typed pairing code pairs the kiosk', async () => {
    const admin = await (await browser.newContext({ width: 1366, height: 768 })).newPage();
    await signInAsDemoOperator(admin);
    await admin.getByTestId('nav-facilities').click();
    const row = admin.locator(`[data-testid="facility-row"][data-facility-id="${facility.facilityId}"]`);
    await row.getByTestId('create-pairing-code').click();
    const code = (await admin.getByTestId('pairing-code').textContent()) ?? '';
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    await saveScreenshot(admin, 'setup-admin-pairing-code', 'setup-admin-pairing-code');

    const kioskContext = await browser.newContext({ width: 1024, height: 768 });
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(requiredEnv('OS_KIOSK_URL'));
    await kiosk.getByTestId('pairing-screen').waitFor({ timeout: 60_000 });
    await kiosk.getByTestId('pairing-submit').click();
    await expect(kiosk.getByTestId('pairing-error').textContent()).resolves.not.toBe('');
    // A code too short for the API is a typing error, not an expired code.
    await kiosk.getByTestId('pairing-code-input').fill('AB');
    await kiosk.getByTestId('pairing-submit').click();
    await kiosk.waitForFunction(
      (expected) => expected.includes(document.querySelector('[data-testid="pairing-error"]')?.textContent ?? ''),
      pairingMessages('invalidFormat'),
    );
    // Staff may type the code in lower case and with a hyphen, as they read it aloud.
    await kiosk.getByTestId('pairing-code-input').fill(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`);
    await saveScreenshot(kiosk, 'setup-kiosk-pairing', 'setup-kiosk-pairing');
    await kiosk.getByTestId('pairing-submit').click();

    await kiosk.getByTestId('language-screen').waitFor({ timeout: 60_000 });
    await kiosk.locator('[data-testid="status-online"][data-online="true"]').waitFor({ timeout: 60_000 });
    await kiosk.locator('[data-testid="status-pending"][data-count="0"]').waitFor({ timeout: 60_000 });
    await saveScreenshot(kiosk, 'setup-kiosk-ready', 'setup-kiosk-ready');

    // The same code cannot pair a second tablet.
    const second = await (await browser.newContext()).newPage();
    await second.goto(requiredEnv('OS_KIOSK_URL'));
    await second.getByTestId('pairing-code-input').fill(code);
    await second.getByTestId('pairing-submit').click();
    await second.waitForFunction(
      (expected) => expected.includes(document.querySelector('[data-testid="pairing-error"]')?.textContent ?? ''),
      pairingMessages('rejected'),
    );
    await expect(second.getByTestId('pairing-screen').count()).resolves.toBe(1);

    await row.getByTestId('facility-devices-toggle').click();
    await row.getByTestId('device-row').waitFor();
    await expect(row.getByTestId('device-row').count()).resolves.toBe(1);
    await saveScreenshot(admin, 'setup-admin-device-list', 'setup-admin-device-list');
  });
});
