import type { Page } from 'playwright-core';

/**
 * Revokes, in admin-web (施設 → 端末 → 登録を解除), the device of a facility that paired last,
 * and waits until its row shows it revoked. The page must be signed in.
 */
export async function revokeLastPairedDevice(admin: Page, facilityId: string): Promise<void> {
  await admin.getByTestId('nav-facilities').click();
  const facilityRow = admin.locator(`[data-testid="facility-row"][data-facility-id="${facilityId}"]`);
  await facilityRow.getByTestId('facility-devices-toggle').click();
  const rows = facilityRow.getByTestId('device-row');
  await rows.first().waitFor();
  const row = rows.last();
  await row.getByTestId('device-revoke').click();
  await row.getByTestId('device-revoke-confirm').click();
  await admin.waitForFunction(
    (id) =>
      Array.from(document.querySelectorAll(`[data-facility-id="${id}"] [data-testid="device-row"]`)).some(
        (element) => element.getAttribute('data-status') === 'revoked',
      ),
    facilityId,
  );
}
