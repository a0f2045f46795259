import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; `npx playwright install` cannot download browsers on these machines. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  readonly browser: Browser;
  /** Opens a context in Japanese; `timezoneId` sets the browser's zone (by default the machine's). */
  newContext(viewport?: { width: number; height: number }, options?: { timezoneId?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium without the background services that try to reach the internet,
 * which this machine's closed network refuses. Playwright gives each launch a fresh profile.
 */
export async function launchTestBrowser(options: { extraArgs?: readonly string[] } = {}): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The local kiosk uses a self-signed certificate, and Chromium registers no service worker
      // on an origin whose certificate it rejects, even with ignoreHTTPSErrors.
      '--ignore-certificate-errors',
      ...(options.extraArgs ?? []),
    ],
  });
  return {
    browser,
    // The kiosk and the GraphQL endpoint use the local self-signed certificate.
    newContext: (viewport = { width: 1024, height: 768 }, options = {}) =>
      browser.newContext({ viewport, ignoreHTTPSErrors: true, locale: 'ja-JP', timezoneId: options.timezoneId }),
    close: () => browser.close(),
  };
}

/** Returns the environment value the local system exported, or throws naming the variable. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this test through jest, whose global setup starts the local system.`);
  }
  return value;
}
