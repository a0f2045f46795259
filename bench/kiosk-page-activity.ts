import type { Page } from 'playwright-core';

export interface KioskActivity {
  /** Waits until the kiosk has wiped its synced store (unsent count 0) and sent no request for `quietMs`. */
  waitUntilSettled(quietMs: number, timeoutMs: number): Promise<void>;
  /** Removes the page listener. */
  stop(): void;
}

/**
 * Starts watching the kiosk page's requests. About 2 s after a drain, once its outbox has been
 * quiet, the kiosk wipes DataStore and starts it again, which sends a sync query. The bench
 * waits for that before the direct side, so that the wipe's work does not fall into the direct
 * side's time. Attach it after the drain is timed, because each watched request costs the
 * drain a Playwright event.
 */
export function watchKioskActivity(page: Page): KioskActivity {
  let lastRequestAt = performance.now();
  const onRequest = (): void => {
    lastRequestAt = performance.now();
  };
  page.on('request', onRequest);

  return {
    async waitUntilSettled(quietMs, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      await page.locator('[data-testid="status-pending"][data-count="0"]').waitFor({ timeout: timeoutMs });
      while (performance.now() - lastRequestAt < quietMs) {
        if (Date.now() > deadline) {
          throw new Error(`Timed out after ${timeoutMs} ms waiting for the kiosk to stop sending requests after the drain.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop() {
      page.off('request', onRequest);
    },
  };
}
