import { launchTestBrowser, type TestBrowser } from './support/browser';
import { foreignGuest, residentGuest } from './support/invented-guests';
import { enterTwoGuests, makePassportJpeg, pairOnline, pendingCount, waitForPending } from './support/kiosk-flow';
import { FacilityArrivals } from './support/sync-checks';
import { createTestFacility } from './support/test-facility';

/** The consent button under repeated submit events: one consent is one check-in. */

const facilityId = `e2e-consent-${Date.now().toString(36)}`;

jest.setTimeout(240_000);

describe('kiosk consent submit', () => {
  let browser: TestBrowser;
  let arrivals: FacilityArrivals;

  beforeAll(async () => {
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    arrivals = new FacilityArrivals(facilityId);
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    arrivals?.close();
    await browser?.close();
  });

  test('three clicks make one check-in', async () => {
    const context = await browser.newContext({ width: 1180, height: 820 });
    const page = await pairOnline(context, facilityId);
    const passportJpeg = await makePassportJpeg(page);

    // Offline, the kiosk keeps every check-in it created in its unsent count.
    await context.setOffline(true);
    await page.locator('[data-testid="status-online"][data-online="false"]').waitFor();
    await enterTwoGuests(page, { resident: residentGuest, foreign: foreignGuest, passportJpeg });
    await page.getByTestId('consent-checkbox').check();
    // Three submit events in one task, before React can re-render the disabled button.
    await page.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="consent-submit"]')!;
      button.click();
      button.click();
      button.click();
    });
    await page.getByTestId('finish-screen').waitFor();
    await page.locator('[data-testid="status-pending"]:not([data-count="0"])').waitFor({ timeout: 30_000 });
    // A second or third save would raise the count within moments of the first.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await pendingCount(page)).toBe(1);

    await context.setOffline(false);
    await waitForPending(page, 0);
    await arrivals.waitForEntries(1);
    // A late duplicate delivery would show up as a second entry within the next poll cycles.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await arrivals.registerEntries()).toHaveLength(1);
    expect(await arrivals.checkIns()).toHaveLength(1);
    await context.close();
  });
});
