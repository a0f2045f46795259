import type { BrowserContext, Page } from 'playwright-core';
import { locales } from '../../kiosk/src/i18n/locales';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { signInAsDemoOperator } from './support/admin-sign-in';
import { fakeCameraArgs } from './support/fake-camera';
import { foreignGuest, residentGuest } from './support/invented-guests';
import { makePassportJpeg } from './support/kiosk-flow';
import { saveScreenshot } from './support/screenshots';
import { createTestFacility, createTestPairingCode } from './support/test-facility';

/**
 * The guest flow in Chromium on iPad viewports: fields by licence type, camera capture, photo
 * advice, house rules, door code, the idle wipe, touch targets, and revocation from admin-web.
 */

const runId = Date.now().toString(36);
const ryokan = {
  facilityId: `e2e-ryokan-${runId}`,
  licenceType: 'ryokan-hotel' as const,
  houseRules: { ja: '室内は禁煙です。', en: 'No smoking inside.\nQuiet after 22:00.' },
  entryCode: '4721',
};
const minpaku = { facilityId: `e2e-minpaku-${runId}`, licenceType: 'private-lodging' as const };
const ipadViewports = [
  { name: 'ipad-landscape', width: 1024, height: 768 },
  { name: 'ipad-portrait', width: 768, height: 1024 },
  { name: 'ipad-air-landscape', width: 1180, height: 820 },
  { name: 'ipad-air-portrait', width: 820, height: 1180 },
];

jest.setTimeout(180_000);

/** Pairs a fresh kiosk with a facility and waits until its first heartbeat stored the settings. */
async function pairKiosk(context: BrowserContext, facilityId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${requiredEnv('OS_KIOSK_URL')}/?pairingCode=${await createTestPairingCode(facilityId)}`);
  await page.getByTestId('language-screen').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => localStorage.getItem('open-sesame.kiosk.facility-settings') !== null, undefined, {
    timeout: 60_000,
  });
  return page;
}

async function startGuest(page: Page, language: string): Promise<void> {
  await page.getByTestId(`language-${language}`).click();
  await page.getByTestId('stay-next').click();
  await page.getByTestId('guest-screen').waitFor();
}

/** Draws a card in the page and returns it as a JPEG; `style` makes it small, dark, glaring or blurred. */
async function makeCardJpeg(page: Page, style: 'small' | 'dark' | 'glare' | 'blurred' | 'sharp'): Promise<Buffer> {
  const dataUrl = await page.evaluate((cardStyle) => {
    const canvas = document.createElement('canvas');
    canvas.width = cardStyle === 'small' ? 60 : 1200;
    canvas.height = cardStyle === 'small' ? 40 : 850;
    const context = canvas.getContext('2d')!;
    if (cardStyle === 'blurred') context.filter = 'blur(10px)';
    context.fillStyle = cardStyle === 'dark' ? '#1a1a1a' : '#d9e4f2';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = cardStyle === 'dark' ? '#050505' : '#1b2a4a';
    context.font = '40px monospace';
    for (let line = 0; line < 10; line += 1) context.fillText(`SPECIMEN LINE ${line} <<<<<<<<<<<<<<`, 60, 120 + line * 64);
    if (cardStyle === 'glare') {
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width / 2, canvas.height);
    }
    return canvas.toDataURL('image/jpeg', 0.92);
  }, style);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

describe('kiosk guest flow', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    await createTestFacility(ryokan);
    await createTestFacility(minpaku);
    browser = await launchTestBrowser({ extraArgs: fakeCameraArgs() });
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('旅館業 guest gets contact, rules fallback and door code', async () => {
    const context = await browser.newContext();
    const page = await pairKiosk(context, ryokan.facilityId);
    await startGuest(page, 'zh-Hant');

    await expect(page.getByTestId('guest-occupation').count()).resolves.toBe(0);
    await page.getByTestId('guest-next').click();
    await expect(page.getByTestId('field-error-contact').textContent()).resolves.toBe(locales['zh-Hant'].validation.required);

    // Japanese IME input: a composition, then its committed text, as the iPad keyboard sends them.
    await page.getByTestId('guest-name').focus();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'けんしょう', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.insertText', { text: residentGuest.name });
    await expect(page.getByTestId('guest-name').inputValue()).resolves.toBe(residentGuest.name);
    await page.getByTestId('guest-address').fill(residentGuest.address);
    await page.getByTestId('guest-contact').fill('03-1234-5678');
    await page.getByTestId('address-in-japan-yes').click();
    await page.getByTestId('guest-next').click();

    await page.getByTestId('rules-screen').waitFor();
    await expect(page.getByTestId('house-rules').getAttribute('data-language')).resolves.toBe('en');
    await expect(page.getByTestId('house-rules').textContent()).resolves.toBe(ryokan.houseRules.en);
    await expect(page.getByTestId('house-rules-fallback').textContent()).resolves.toBe(locales['zh-Hant'].rules.fallbackNotice);
    await page.getByTestId('consent-submit').click();
    await expect(page.getByTestId('consent-error').textContent()).resolves.toBe(locales['zh-Hant'].validation.consentRequired);
    await page.getByTestId('consent-checkbox').check();
    await page.getByTestId('consent-submit').click();

    await page.getByTestId('finish-screen').waitFor();
    await expect(page.getByTestId('door-code').textContent()).resolves.toBe(ryokan.entryCode);
    await saveScreenshot(page, 'kiosk-finish-door-code', 'kiosk-finish-door-code');
    await context.close();
  });

  test('foreign guest photographs passport and face', async () => {
    const context = await browser.newContext();
    const page = await pairKiosk(context, minpaku.facilityId);
    await startGuest(page, 'en');

    await expect(page.getByTestId('guest-contact').count()).resolves.toBe(0);
    await page.getByTestId('guest-name').fill(foreignGuest.name);
    await page.getByTestId('guest-address').fill(foreignGuest.address);
    await page.getByTestId('guest-occupation').fill(foreignGuest.occupation);
    await page.getByTestId('address-in-japan-no').click();
    await page.getByTestId('guest-nationality').selectOption(foreignGuest.nationality);
    await expect(page.locator('[data-testid="guest-nationality"] option[value="FR"]').textContent()).resolves.toBe('France');
    await page.getByTestId('guest-passportNumber').fill('AB12');
    await page.getByTestId('guest-next').click();
    await expect(page.getByTestId('field-error-passportNumber').textContent()).resolves.toBe(locales.en.validation.passportNumberFormat);
    await expect(page.getByTestId('field-error-facePhoto').textContent()).resolves.toBe(locales.en.validation.facePhotoRequired);
    await page.getByTestId('guest-passportNumber').fill(foreignGuest.passportNumber);
    // The file picker is a label styled as a button, with the font weight of the camera button beside it.
    const chooseFile = page.locator('label.file-button:has([data-testid="passport-file-input"])');
    const chooseFileWeight = await chooseFile.evaluate((label) => getComputedStyle(label).fontWeight);
    const cameraWeight = await page.getByTestId('passport-camera-start').evaluate((button) => getComputedStyle(button).fontWeight);
    expect(chooseFileWeight).toBe(cameraWeight);

    for (const kind of ['passport', 'face']) {
      await page.getByTestId(`${kind}-camera-start`).click();
      await page.waitForFunction(
        (testId) => (document.querySelector(`[data-testid="${testId}"]`) as HTMLVideoElement | null)?.videoWidth! > 0,
        `${kind}-camera-view`,
      );
      await page.getByTestId(`${kind}-capture`).click();
      await page.getByTestId(`${kind}-preview`).waitFor();
      await expect(page.getByTestId(`field-error-${kind}Photo`).textContent()).resolves.toBe('');
    }
    await saveScreenshot(page, 'kiosk-guest-photos', 'kiosk-guest-photos');
    await page.getByTestId('passport-retake').click();
    // Retake restarts the camera; a capture before its first frame does nothing.
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="passport-camera-view"]') as HTMLVideoElement | null)?.videoWidth! > 0,
    );
    await page.getByTestId('passport-capture').click();
    await page.getByTestId('passport-preview').waitFor();

    await page.getByTestId('guest-next').click();
    await page.getByTestId('rules-screen').waitFor();
    await expect(page.getByTestId('house-rules').getAttribute('data-language')).resolves.toBe('general');
    await page.getByTestId('consent-checkbox').check();
    await page.getByTestId('consent-submit').click();
    await page.getByTestId('finish-screen').waitFor();
    await expect(page.getByTestId('door-code-panel').count()).resolves.toBe(0);
    await context.close();
  });

  test.each([
    ['small', 'tooSmall', 'zh-Hans'],
    ['dark', 'tooDark', 'ko'],
    ['glare', 'glare', 'en'],
    ['blurred', 'blurred', 'ja'],
  ] as const)('%s photo rejected with advice', async (style, problem, language) => {
    const context = await browser.newContext();
    const page = await pairKiosk(context, minpaku.facilityId);
    await startGuest(page, language);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
    await page.getByTestId('address-in-japan-no').click();

    await page.getByTestId('passport-file-input').setInputFiles({
      name: 'passport.jpg',
      mimeType: 'image/jpeg',
      buffer: await makeCardJpeg(page, style),
    });

    const error = page.getByTestId('field-error-passportPhoto');
    await page.waitForFunction(() => document.querySelector('[data-testid="field-error-passportPhoto"]')?.textContent !== '');
    await expect(error.textContent()).resolves.toBe(locales[language].capture.advice[problem]);
    await expect(page.getByTestId('passport-preview').count()).resolves.toBe(0);
    if (style === 'glare') await saveScreenshot(page, 'kiosk-photo-advice', 'kiosk-photo-advice');

    await page.getByTestId('passport-file-input').setInputFiles({
      name: 'passport.jpg',
      mimeType: 'image/jpeg',
      buffer: await makePassportJpeg(page),
    });
    await page.getByTestId('passport-preview').waitFor();
    await expect(error.textContent()).resolves.toBe('');
    await context.close();
  });

  test('bidi override in address rejected', async () => {
    const context = await browser.newContext();
    const page = await pairKiosk(context, minpaku.facilityId);
    await startGuest(page, 'zh-Hant');

    await page.getByTestId('guest-name').fill(foreignGuest.name);
    await page.getByTestId('guest-address').fill(`\u202E${foreignGuest.address}`);
    await page.getByTestId('guest-next').click();
    const error = page.getByTestId('field-error-address');
    await expect(error.textContent()).resolves.toBe(locales['zh-Hant'].validation.forbiddenCharacters);
    await expect(page.getByTestId('field-error-name').textContent()).resolves.toBe('');

    await page.getByTestId('guest-address').fill(foreignGuest.address);
    await page.getByTestId('guest-next').click();
    await expect(error.textContent()).resolves.toBe('');
    await context.close();
  });

  test('failed next focuses first invalid field', async () => {
    const context = await browser.newContext({ width: 1180, height: 820 });
    const page = await pairKiosk(context, minpaku.facilityId);
    await startGuest(page, 'en');
    await page.getByTestId('address-in-japan-no').click();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.evaluate(() => window.scrollY)).resolves.toBeGreaterThan(0);

    await page.getByTestId('guest-next').click();

    await expect(page.getByTestId('field-error-name').textContent()).resolves.toBe(locales.en.validation.required);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('guest-name');
    const box = await page.getByTestId('guest-name').evaluate((input) => {
      const rect = input.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, viewportHeight: window.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.viewportHeight);
    await context.close();
  });

  test('idle form warns, then wipes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${requiredEnv('OS_KIOSK_URL')}/?pairingCode=${await createTestPairingCode(minpaku.facilityId)}`);
    await page.getByTestId('language-screen').waitFor({ timeout: 60_000 });
    await startGuest(page, 'en');
    await page.getByTestId('guest-name').fill(foreignGuest.name);

    await page.clock.fastForward('02:00');
    await page.getByTestId('idle-warning').waitFor();
    await saveScreenshot(page, 'kiosk-idle-warning', 'kiosk-idle-warning');
    await page.getByTestId('idle-continue').click();
    await expect(page.getByTestId('idle-warning').count()).resolves.toBe(0);
    await expect(page.getByTestId('guest-name').inputValue()).resolves.toBe(foreignGuest.name);

    await page.clock.fastForward('02:00');
    await page.getByTestId('idle-warning').waitFor();
    await page.clock.fastForward('00:30');
    await page.getByTestId('language-screen').waitFor();
    await startGuest(page, 'en');
    await expect(page.getByTestId('guest-name').inputValue()).resolves.toBe('');
    await context.close();
  });

  test.each(ipadViewports)('$name keeps 44 px targets', async (viewport) => {
    const context = await browser.newContext({ width: viewport.width, height: viewport.height });
    const page = await pairKiosk(context, ryokan.facilityId);

    const screens: [string, () => Promise<void>][] = [
      ['language', async () => undefined],
      ['stay', () => page.getByTestId('language-en').click()],
      [
        'guest',
        async () => {
          await page.getByTestId('stay-next').click();
          await page.getByTestId('address-in-japan-no').click();
        },
      ],
    ];
    for (const [name, open] of screens) {
      await open();
      await page.getByTestId(`${name}-screen`).waitFor();
      const problems = await page.evaluate(() => {
        const found: string[] = [];
        const targets = document.querySelectorAll('button, select, input:not([type="file"]):not([type="checkbox"]), label.button');
        for (const element of Array.from(targets)) {
          const box = element.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          if (box.width < 44 || box.height < 44) {
            found.push(`${element.getAttribute('data-testid') ?? element.tagName} ${box.width}x${box.height}`);
          }
        }
        if (document.documentElement.scrollWidth > window.innerWidth) found.push('horizontal scroll');
        return found;
      });
      expect({ screen: name, problems }).toEqual({ screen: name, problems: [] });
      if (name !== 'stay') await saveScreenshot(page, `kiosk-${name}-${viewport.name}`);
    }
    await context.close();
  });

  test('revoked kiosk asks staff to pair again', async () => {
    const kioskContext = await browser.newContext();
    const kiosk = await pairKiosk(kioskContext, ryokan.facilityId);

    const admin = await (await browser.newContext({ width: 1366, height: 900 })).newPage();
    await signInAsDemoOperator(admin);
    await admin.getByTestId('nav-facilities').click();
    const facilityRow = admin.locator(`[data-testid="facility-row"][data-facility-id="${ryokan.facilityId}"]`);
    await facilityRow.getByTestId('facility-devices-toggle').click();
    const rows = facilityRow.getByTestId('device-row');
    await rows.first().waitFor();
    // The device paired last is this test's kiosk; earlier tests paired others here.
    const row = rows.last();
    await expect(row.getByTestId('device-online').getAttribute('data-state')).resolves.toBe('online');
    await expect(row.getByTestId('device-pending').getAttribute('data-count')).resolves.toMatch(/^\d+$/);
    await expect(row.getByTestId('device-app-version').textContent()).resolves.toMatch(/^0\.1\.0/);

    await row.getByTestId('device-rename').click();
    await row.getByTestId('device-rename-input').fill('玄関の iPad');
    await row.getByTestId('device-rename-save').click();
    await admin.waitForFunction(
      (facilityId) =>
        Array.from(document.querySelectorAll(`[data-facility-id="${facilityId}"] [data-testid="device-name"]`)).some(
          (element) => element.textContent === '玄関の iPad',
        ),
      ryokan.facilityId,
    );
    await saveScreenshot(admin, 'admin-devices', 'admin-devices');

    await row.getByTestId('device-revoke').click();
    await row.getByTestId('device-revoke-confirm').click();
    await admin.waitForFunction(
      (facilityId) =>
        Array.from(document.querySelectorAll(`[data-facility-id="${facilityId}"] [data-testid="device-row"]`)).some(
          (element) => element.getAttribute('data-status') === 'revoked',
        ),
      ryokan.facilityId,
    );

    // The kiosk sends a heartbeat at start, which the API now rejects.
    await kiosk.reload();
    await kiosk.getByTestId('revoked-screen').waitFor({ timeout: 60_000 });
    await expect(kiosk.getByTestId('revoked-screen').textContent()).resolves.toContain(locales.ja.revoked.body);
    await saveScreenshot(kiosk, 'kiosk-revoked', 'kiosk-revoked');
    await kiosk.reload();
    await kiosk.getByTestId('revoked-screen').waitFor();
    await kioskContext.close();
  });
});
