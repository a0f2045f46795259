import type { BrowserContext, Page } from 'playwright-core';
import { signInAsDemoOperator } from './admin-sign-in';
import { revokeLastPairedDevice } from './admin-devices';
import type { TestBrowser } from './browser';
import { pairPage } from './kiosk-flow';

/**
 * Revokes the kiosk's device in admin-web while the kiosk is offline, brings the kiosk online,
 * waits for the revoked screen with `pendingCount` unsent check-ins, and pairs the kiosk again
 * with the facility through a new pairing code.
 */
export async function revokeAndPairAgain(
  browser: TestBrowser,
  kioskContext: BrowserContext,
  kiosk: Page,
  facilityId: string,
  pendingCount: number,
): Promise<void> {
  const admin = await (await browser.newContext({ width: 1366, height: 900 })).newPage();
  await signInAsDemoOperator(admin);
  await revokeLastPairedDevice(admin, facilityId);
  await admin.context().close();

  await kioskContext.setOffline(false);
  await kiosk.locator(`[data-testid="revoked-pending"][data-count="${pendingCount}"]`).waitFor({ timeout: 30_000 });
  await kiosk.getByTestId('revoked-pair-again').click();
  await kiosk.getByTestId('pairing-screen').waitFor({ timeout: 60_000 });
  await pairPage(kiosk, facilityId);
}
