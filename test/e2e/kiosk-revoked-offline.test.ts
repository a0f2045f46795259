import type { BrowserContext, Page } from 'playwright-core';
import { locales } from '../../kiosk/src/i18n/locales';
import { signInAsDemoOperator } from './support/admin-sign-in';
import { revokeLastPairedDevice } from './support/admin-devices';
import { launchTestBrowser, type TestBrowser } from './support/browser';
import { checkInResident, pairOnline, pairPage, waitForPending } from './support/kiosk-flow';
import { FacilityArrivals, localRecordCounts } from './support/sync-checks';
import { createTestFacility } from './support/test-facility';

/**
 * A kiosk revoked while it stores an offline check-in. It shows the revoked screen with the
 * unsent count as soon as it is back online and keeps the sealed record across a reload. After
 * staff pair it again, by the kiosk URL with a pairing code or by the revoked screen's button, it
 * sends the check-in exactly once to the same facility, and never to another one. A kiosk revoked while online and idle shows the revoked screen as soon as a guest
 * chooses a language, or as soon as its screen comes on again.
 */

const runId = Date.now().toString(36);

jest.setTimeout(420_000);

/** An invented resident; no real person has this name or address. */
const guest = { name: '架空 解除花子', address: '架空県試験市9-9-9', occupation: '会社員' };
/** A second invented resident, who checks in at the facility of the new pairing. */
const laterGuest = { name: '架空 新施設次郎', address: '架空県試験市8-8-8', occupation: '教員' };

/** Counts the kiosk's local CheckIn records in DataStore's IndexedDB. */
async function localCheckInCount(page: Page): Promise<number> {
  const counts = await localRecordCounts(page);
  return Object.entries(counts)
    .filter(([store]) => /^amplify-datastore\/.*_CheckIn$/.test(store))
    .reduce((sum, [, records]) => sum + records, 0);
}

/** Pairs a kiosk with the facility, takes it offline and checks in the invented guest. */
async function pairAndCheckInOffline(context: BrowserContext, facilityId: string): Promise<Page> {
  const kiosk = await pairOnline(context, facilityId);
  await context.setOffline(true);
  await kiosk.locator('[data-testid="status-online"][data-online="false"]').waitFor();
  await checkInResident(kiosk, guest);
  await waitForPending(kiosk, 1);
  return kiosk;
}

describe('revoked kiosk keeps its offline check-ins', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('check-in arrives once after re-pairing', async () => {
    const facilityId = `e2e-revoked-${runId}`;
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const arrivals = new FacilityArrivals(facilityId);
    const context = await browser.newContext();
    const kiosk = await pairAndCheckInOffline(context, facilityId);
    await expect(localCheckInCount(kiosk)).resolves.toBe(1);

    const admin = await (await browser.newContext({ width: 1366, height: 900 })).newPage();
    await signInAsDemoOperator(admin);
    await revokeLastPairedDevice(admin, facilityId);

    await context.setOffline(false);
    const revokedPending = kiosk.locator('[data-testid="revoked-pending"][data-count="1"]');
    await revokedPending.waitFor({ timeout: 30_000 });
    await expect(kiosk.getByTestId('revoked-screen').textContent()).resolves.toContain(locales.ja.revoked.body);
    await expect(kiosk.getByTestId('revoked-screen').textContent()).resolves.toContain('1 unsent check-in remains stored on this device.');
    await expect(kiosk.getByTestId('language-screen').count()).resolves.toBe(0);
    await expect(localCheckInCount(kiosk)).resolves.toBe(1);
    await expect(arrivals.registerEntries()).resolves.toHaveLength(0);

    await kiosk.reload();
    await revokedPending.waitFor({ timeout: 60_000 });
    await expect(localCheckInCount(kiosk)).resolves.toBe(1);

    // Staff open the kiosk URL with a new pairing code, as printed at start, on the revoked screen.
    await pairPage(kiosk, facilityId);
    expect(new URL(kiosk.url()).searchParams.has('pairingCode')).toBe(false);
    await expect(kiosk.getByTestId('revoked-screen').count()).resolves.toBe(0);

    const entries = await arrivals.waitForEntries(1);
    await waitForPending(kiosk, 0);
    // A late duplicate delivery would show up as an extra entry within the next poll cycles.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const finalEntries = await arrivals.registerEntries();
    expect(finalEntries).toHaveLength(1);
    expect(finalEntries[0].checkInId).toBe(entries[0].checkInId);
    const checkIns = (await arrivals.checkIns()).filter((checkIn) => checkIn._deleted !== true);
    expect(checkIns).toHaveLength(1);
    await expect(localCheckInCount(kiosk)).resolves.toBe(0);

    arrivals.close();
    await admin.context().close();
    await context.close();
  });

  test('other facility never gets the check-in', async () => {
    const facilityId = `e2e-revoked-from-${runId}`;
    const otherFacilityId = `e2e-revoked-to-${runId}`;
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    await createTestFacility({ facilityId: otherFacilityId, licenceType: 'private-lodging' });
    const arrivals = new FacilityArrivals(facilityId);
    const otherArrivals = new FacilityArrivals(otherFacilityId);
    const context = await browser.newContext();
    const kiosk = await pairAndCheckInOffline(context, facilityId);

    const admin = await (await browser.newContext({ width: 1366, height: 900 })).newPage();
    await signInAsDemoOperator(admin);
    await revokeLastPairedDevice(admin, facilityId);
    await context.setOffline(false);
    await kiosk.locator('[data-testid="revoked-pending"][data-count="1"]').waitFor({ timeout: 30_000 });

    await kiosk.getByTestId('revoked-pair-again').click();
    await kiosk.getByTestId('pairing-screen').waitFor({ timeout: 60_000 });
    await pairPage(kiosk, otherFacilityId);
    await kiosk.locator('[data-testid="status-previous-facility"][data-count="1"]').waitFor({ timeout: 60_000 });
    await waitForPending(kiosk, 1);
    // Drain passes run within seconds of start; one that sent the record would show here.
    await new Promise((resolve) => setTimeout(resolve, 10_000));

    await expect(otherArrivals.checkIns()).resolves.toHaveLength(0);
    await expect(otherArrivals.registerEntries()).resolves.toHaveLength(0);
    await expect(arrivals.registerEntries()).resolves.toHaveLength(0);
    await expect(localCheckInCount(kiosk)).resolves.toBe(1);
    await kiosk.reload();
    await waitForPending(kiosk, 1);
    await expect(localCheckInCount(kiosk)).resolves.toBe(1);

    // A check-in at the new facility arrives, and the unsent count goes back to the kept one
    // although the kept record stops the tablet from wiping the sent one.
    await checkInResident(kiosk, laterGuest);
    await expect(otherArrivals.waitForEntries(1)).resolves.toHaveLength(1);
    await waitForPending(kiosk, 1);
    await expect(arrivals.registerEntries()).resolves.toHaveLength(0);

    arrivals.close();
    otherArrivals.close();
    await admin.context().close();
    await context.close();
  });

  /** Pairs a kiosk with a new facility online, then revokes it in admin-web while it stays on the language screen. */
  async function pairThenRevokeIdle(facilityId: string): Promise<{ context: BrowserContext; kiosk: Page; admin: Page }> {
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const context = await browser.newContext();
    const kiosk = await pairOnline(context, facilityId);

    const admin = await (await browser.newContext({ width: 1366, height: 900 })).newPage();
    await signInAsDemoOperator(admin);
    await revokeLastPairedDevice(admin, facilityId);
    await expect(kiosk.getByTestId('language-screen').count()).resolves.toBe(1);
    return { context, kiosk, admin };
  }

  test('idle online kiosk shows revoked at first tap', async () => {
    const { context, kiosk, admin } = await pairThenRevokeIdle(`e2e-revoked-tap-${runId}`);

    // Choosing a language starts a check-in, and the kiosk checks its device first.
    await kiosk.getByTestId('language-en').click();
    await kiosk.getByTestId('revoked-screen').waitFor({ timeout: 20_000 });
    await expect(kiosk.getByTestId('stay-screen').count()).resolves.toBe(0);

    await admin.context().close();
    await context.close();
  });
  test('revoked kiosk noticed on becoming visible', async () => {
    const { context, kiosk, admin } = await pairThenRevokeIdle(`e2e-revoked-visible-${runId}`);

    // Staff switch the iPad's screen off and on again. The periodic heartbeat runs once a minute,
    // so only the heartbeat on becoming visible can show the revoked screen this soon.
    await kiosk.evaluate(() => {
      let state: DocumentVisibilityState = 'hidden';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      document.dispatchEvent(new Event('visibilitychange'));
      state = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await kiosk.getByTestId('revoked-screen').waitFor({ timeout: 10_000 });

    await admin.context().close();
    await context.close();
  });

  test('reload shows no zero before count', async () => {
    const facilityId = `e2e-reload-count-${runId}`;
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const context = await browser.newContext();
    const kiosk = await pairAndCheckInOffline(context, facilityId);

    // Records every unsent count the status line shows from the first moment of the reloaded page.
    await kiosk.addInitScript(() => {
      const shownCounts: string[] = [];
      (window as unknown as { shownCounts: string[] }).shownCounts = shownCounts;
      new MutationObserver(() => {
        const count = document.querySelector('[data-testid="status-pending"]')?.getAttribute('data-count');
        if (count !== null && count !== undefined && shownCounts.at(-1) !== count) shownCounts.push(count);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-count'] });
    });
    await kiosk.reload();
    await waitForPending(kiosk, 1);

    const shownCounts = await kiosk.evaluate(() => (window as unknown as { shownCounts: string[] }).shownCounts);
    expect(shownCounts).toEqual(['1']);
    await context.close();
  });
});
