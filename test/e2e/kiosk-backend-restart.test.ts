import type { LocalSystem } from '../../local/system';
import { launchTestBrowser, type TestBrowser } from './support/browser';
import { checkInResident, dumpBrowserStorage } from './support/kiosk-flow';
import { FacilityArrivals } from './support/sync-checks';

/**
 * A kiosk with pending check-ins while the back end (API gateway, Lambda runtime and AppSync)
 * is stopped: they wait on the tablet and arrive once it is started again. The test runs its own
 * local system 200 ports above the shared one, because it stops services that other tests use.
 */

jest.setTimeout(600_000);

const guests = Array.from({ length: 3 }, (_, index) => ({
  name: `架空 再起動${index + 1}号`,
  address: `架空県再起動市${index + 1}-2-3`,
  occupation: '自営業',
}));

describe('back end stopped and restarted', () => {
  let system: LocalSystem;
  let browser: TestBrowser;

  beforeAll(async () => {
    // local/ports.ts reads the offset when it is first imported, so set it before the import.
    process.env.OS_PORT_OFFSET = String(Number(process.env.OS_PORT_OFFSET ?? 0) + 200);
    const { startLocalSystem } = require('../../local/system') as typeof import('../../local/system');
    system = await startLocalSystem({ purpose: 'test', seedDemoData: true });
    browser = await launchTestBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  test('pending check-ins arrive after restart', async () => {
    const env = system.environment;
    const arrivals = new FacilityArrivals(env.OS_DEMO_FACILITY_ID, env);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.OS_KIOSK_URL}/?pairingCode=${env.OS_DEMO_PAIRING_CODE}`);
    await page.locator('[data-testid="status-online"][data-online="true"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="status-pending"][data-count="0"]').waitFor({ timeout: 60_000 });

    await system.backend.stop();
    for (const guest of guests) await checkInResident(page, guest);
    await page.locator(`[data-testid="status-pending"][data-count="${guests.length}"]`).waitFor();
    // The kiosk stays online as far as the browser can tell, and keeps retrying.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(await arrivals.checkIns()).toHaveLength(0);
    await page.reload();
    await page.getByTestId('language-screen').waitFor();
    await page.locator(`[data-testid="status-pending"][data-count="${guests.length}"]`).waitFor();
    // The browser is online, but the heartbeat gets no response, so staff see that the server is out of reach.
    const status = page.getByTestId('status-online');
    await page.locator('[data-testid="status-online"][data-reachable="false"]').waitFor({ timeout: 30_000 });
    await expect(status.getAttribute('data-online')).resolves.toBe('false');
    await expect(status.textContent()).resolves.toBe('サーバーに接続できません');

    await system.backend.start();
    await page.locator('[data-testid="status-online"][data-online="true"]').waitFor({ timeout: 60_000 });
    const entries = await arrivals.waitForEntries(guests.length, 300_000);
    await page.locator('[data-testid="status-pending"][data-count="0"]').waitFor({ timeout: 300_000 });
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await arrivals.registerEntries()).toHaveLength(guests.length);
    expect(new Set(entries.map((entry) => entry.checkInId)).size).toBe(guests.length);
    const storage = await dumpBrowserStorage(page);
    for (const guest of guests) expect(storage).not.toContain(guest.name);
    arrivals.close();
    await context.close();
  });
});
