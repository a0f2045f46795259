import type { Route } from 'playwright-core';
import { launchTestBrowser, type TestBrowser } from './support/browser';
import { foreignGuest, guestSecrets, residentGuest } from './support/invented-guests';
import { checkInResident, checkInTwoGuests, dumpBrowserStorage, makePassportJpeg, pairOnline, waitForPending } from './support/kiosk-flow';
import { expectArrivedOnce, FacilityArrivals, outboxIndexState } from './support/sync-checks';
import { createTestFacility } from './support/test-facility';

/**
 * Offline check-ins that never get lost: saved offline across reloads, sent through a flapping
 * network whose requests are cut after the server handled them, and wiped from the tablet once
 * the server has them. test/e2e/kiosk-backend-restart.test.ts covers a back end that goes away.
 */

const runId = Date.now().toString(36);

jest.setTimeout(420_000);

/** Returns an invented resident for an index; no real person has these names or addresses. */
function inventedResident(index: number) {
  const number = String(index + 1).padStart(2, '0');
  return { name: `架空 宿泊者${number}号`, address: `架空県試験市${number}-1-1`, occupation: '会社員' };
}

describe('offline check-ins reach the register exactly once', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('20 offline check-ins survive two reloads', async () => {
    const facilityId = `e2e-offline-${runId}`;
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const arrivals = new FacilityArrivals(facilityId);
    const context = await browser.newContext();
    const page = await pairOnline(context, facilityId);

    await context.setOffline(true);
    await page.locator('[data-testid="status-online"][data-online="false"]').waitFor();
    const guests = Array.from({ length: 20 }, (_, index) => inventedResident(index));
    for (const guest of guests) await checkInResident(page, guest);
    await waitForPending(page, 20);

    for (let reload = 0; reload < 2; reload += 1) {
      await page.reload();
      await page.getByTestId('language-screen').waitFor();
      await waitForPending(page, 20);
    }
    expect(await arrivals.checkIns()).toHaveLength(0);
    // Each response looks up the record's other queued mutations, through this index.
    const outbox = await outboxIndexState(page);
    expect(outbox.indexNames).toContain('modelId');
    expect(outbox.queued).toBe(20);
    expect(outbox.indexed).toBe(20);
    const offlineStorage = await dumpBrowserStorage(page);
    for (const guest of guests) expect(offlineStorage).not.toContain(guest.name);

    await context.setOffline(false);
    await expectArrivedOnce(page, arrivals, 20, guests.flatMap((guest) => [guest.name, guest.address]));
    arrivals.close();
    await context.close();
  });

  test('flapping network with cut responses', async () => {
    const facilityId = `e2e-flapping-${runId}`;
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const arrivals = new FacilityArrivals(facilityId);
    const context = await browser.newContext();
    const page = await pairOnline(context, facilityId);
    const passportJpeg = await makePassportJpeg(page);

    await context.setOffline(true);
    const residents = Array.from({ length: 4 }, (_, index) => inventedResident(40 + index));
    for (const guest of residents.slice(0, 2)) await checkInResident(page, guest);
    await checkInTwoGuests(page, { resident: residentGuest, foreign: foreignGuest, passportJpeg });
    await page.getByTestId('finish-done').click();
    for (const guest of residents.slice(2)) await checkInResident(page, guest);
    await waitForPending(page, 5);

    // The server handles each cut request, but its response never reaches the kiosk: the
    // first mutations and image uploads of the drain, and every third request after them.
    let seen = 0;
    const cutAfterServer = async (route: Route) => {
      seen += 1;
      if (seen > 6 && seen % 3 !== 0) return route.continue();
      try {
        await route.fetch();
      } catch {
        // The network may already be down for the flap; the request then never arrived.
      }
      await route.abort('connectionreset');
    };
    await context.route(/\/graphql$/, async (route) => {
      const body = route.request().postData() ?? '';
      return /mutation/.test(body) ? cutAfterServer(route) : route.continue();
    });
    await context.route(/\/incoming\//, (route) => (route.request().method() === 'PUT' ? cutAfterServer(route) : route.continue()));

    await context.setOffline(false);
    for (let flap = 0; flap < 3; flap += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await context.setOffline(true);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await context.setOffline(false);
    }
    await arrivals.waitForEntries(1);
    expect(seen).toBeGreaterThan(6);
    await context.unrouteAll({ behavior: 'ignoreErrors' });

    await expectArrivedOnce(page, arrivals, 5, [...guestSecrets, ...residents.flatMap((guest) => [guest.name, guest.address])]);
    arrivals.close();
    await context.close();
  });
});
