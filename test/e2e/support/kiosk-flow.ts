import type { BrowserContext, Page } from 'playwright-core';
import { requiredEnv } from './browser';
import { createTestPairingCode } from './test-facility';

/** Register fields of a guest with an address in Japan, as the kiosk asks them. */
type Resident = { readonly name: string; readonly address: string; readonly occupation: string };
/** A foreign visitor also gives nationality (ISO 3166-1 alpha-2) and passport number. */
type Foreign = Resident & { readonly nationality: string; readonly passportNumber: string };

/** Draws a passport-like test card in the page and returns it as JPEG bytes. */
export async function makePassportJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 850;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#d9e4f2';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#1b2a4a';
    context.font = 'bold 64px sans-serif';
    context.fillText('SPECIMEN PASSPORT', 80, 140);
    context.font = '40px monospace';
    for (let line = 0; line < 8; line += 1) {
      context.fillText(`TEST DATA LINE ${line} <<<<<<<<<<<<<<<<`, 80, 260 + line * 64);
    }
    return canvas.toDataURL('image/jpeg', 0.92);
  });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** Returns the number of check-ins the kiosk's status line reports as not yet sent. */
export async function pendingCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('status-pending').getAttribute('data-count'));
}

/**
 * Walks the kiosk from the language screen to the finish screen for a stay of one resident of
 * Japan and one foreign visitor with passport and face photos.
 */
export async function checkInTwoGuests(
  page: Page,
  guests: { resident: Resident; foreign: Foreign; passportJpeg: Buffer },
): Promise<void> {
  await enterTwoGuests(page, guests);
  await page.getByTestId('consent-checkbox').check();
  await page.getByTestId('consent-submit').click();
  await page.getByTestId('finish-screen').waitFor();
}

/**
 * Walks the kiosk from the language screen to the house rules screen for the stay of
 * `checkInTwoGuests`, without giving consent.
 */
export async function enterTwoGuests(
  page: Page,
  guests: { resident: Resident; foreign: Foreign; passportJpeg: Buffer },
): Promise<void> {
  await page.getByTestId('language-en').click();
  await page.getByTestId('stay-screen').waitFor();
  await page.getByTestId('stay-guestCount').fill('2');
  await page.getByTestId('stay-next').click();

  await page.getByTestId('guest-screen').waitFor();
  await page.getByTestId('guest-name').fill(guests.resident.name);
  await page.getByTestId('guest-address').fill(guests.resident.address);
  await page.getByTestId('guest-occupation').fill(guests.resident.occupation);
  await page.getByTestId('address-in-japan-yes').click();
  await page.getByTestId('guest-next').click();

  // The guest screen stays mounted for the next guest; its cleared name field marks guest 2.
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="guest-name"]') as HTMLInputElement | null)?.value === '',
  );
  await page.getByTestId('guest-name').fill(guests.foreign.name);
  await page.getByTestId('guest-address').fill(guests.foreign.address);
  await page.getByTestId('guest-occupation').fill(guests.foreign.occupation);
  await page.getByTestId('address-in-japan-no').click();
  await page.getByTestId('guest-nationality').selectOption(guests.foreign.nationality);
  await page.getByTestId('guest-passportNumber').fill(guests.foreign.passportNumber);
  await page.getByTestId('passport-file-input').setInputFiles({
    name: 'passport.jpg',
    mimeType: 'image/jpeg',
    buffer: guests.passportJpeg,
  });
  await page.getByTestId('passport-preview').waitFor();
  // The face photo check looks at exposure and focus only, so the test card serves as the face photo.
  await page.getByTestId('face-file-input').setInputFiles({
    name: 'face.jpg',
    mimeType: 'image/jpeg',
    buffer: guests.passportJpeg,
  });
  await page.getByTestId('face-preview').waitFor();
  await page.getByTestId('guest-next').click();

  await page.getByTestId('rules-screen').waitFor();
}

/** Returns every record of every IndexedDB database and all of localStorage, as one string. */
export async function dumpBrowserStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [JSON.stringify({ ...localStorage })];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of Array.from(database.objectStoreNames)) {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = database.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        parts.push(
          JSON.stringify(records, (_key, value) =>
            value instanceof ArrayBuffer || ArrayBuffer.isView(value)
              ? new TextDecoder('latin1').decode(value as ArrayBuffer)
              : value,
          ),
        );
      }
      database.close();
    }
    return parts.join('\n');
  });
}

/** Checks in a stay of one resident of Japan, from the language screen back to it. */
export async function checkInResident(page: Page, guest: { name: string; address: string; occupation: string }): Promise<void> {
  await page.getByTestId('language-ja').click();
  await page.getByTestId('stay-next').click();
  await page.getByTestId('guest-name').fill(guest.name);
  await page.getByTestId('guest-address').fill(guest.address);
  await page.getByTestId('guest-occupation').fill(guest.occupation);
  await page.getByTestId('address-in-japan-yes').click();
  await page.getByTestId('guest-next').click();
  await page.getByTestId('consent-checkbox').check();
  await page.getByTestId('consent-submit').click();
  await page.getByTestId('finish-done').click();
  await page.getByTestId('language-screen').waitFor();
}

/** Pairs a kiosk with a facility through a new pairing code and waits until it is online. */
export async function pairOnline(context: BrowserContext, facilityId: string): Promise<Page> {
  const page = await context.newPage();
  await pairPage(page, facilityId);
  return page;
}

/** Opens the kiosk in `page` with a new pairing code for the facility and waits until it is online. */
export async function pairPage(page: Page, facilityId: string): Promise<void> {
  await page.goto(`${requiredEnv('OS_KIOSK_URL')}/?pairingCode=${await createTestPairingCode(facilityId)}`);
  await page.getByTestId('language-screen').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="status-online"][data-online="true"]').waitFor({ timeout: 60_000 });
  // The service worker must control the page before a reload can succeed offline.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
}

/** Waits until the kiosk's status line reports `count` check-ins not yet sent. */
export async function waitForPending(page: Page, count: number, timeoutMs = 180_000): Promise<void> {
  await page.locator(`[data-testid="status-pending"][data-count="${count}"]`).waitFor({ timeout: timeoutMs });
}
