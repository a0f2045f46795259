import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { signInAsDemoOperator } from './support/admin-sign-in';
import { foreignGuest, guestSecrets, residentGuest } from './support/invented-guests';
import { checkInTwoGuests, dumpBrowserStorage, makePassportJpeg, pendingCount } from './support/kiosk-flow';
import { createTestPairingCode } from './support/test-facility';

/**
 * The main job end to end: a kiosk checks in two guests while offline, survives a reload, syncs
 * when the network returns, and the operator reads both guests in the guest register.
 */

const screenshotDir = path.join(__dirname, '..', 'output', 'e2e');
const syncTimeoutMs = 90_000;

jest.setTimeout(240_000);

const credentials = {
  accessKeyId: requiredEnv('OS_AWS_ACCESS_KEY_ID'),
  secretAccessKey: requiredEnv('OS_AWS_SECRET_ACCESS_KEY'),
};
const dynamo = new DynamoDBClient({
  endpoint: requiredEnv('OS_DYNAMODB_ENDPOINT'),
  region: requiredEnv('OS_REGION'),
  credentials,
});
const s3 = new S3Client({
  endpoint: requiredEnv('OS_S3_ENDPOINT'),
  region: requiredEnv('OS_REGION'),
  credentials,
  forcePathStyle: true,
});

async function scanTable(tableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function registerEntriesOfDemoFacility(): Promise<Record<string, unknown>[]> {
  const facilityId = requiredEnv('OS_DEMO_FACILITY_ID');
  return (await scanTable(requiredEnv('OS_REGISTER_TABLE')))
    .map((item) => unmarshall(item))
    .filter((item) => String(item.sk).startsWith('ENTRY#') && item.facilityId === facilityId);
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + syncTimeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${syncTimeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

describe('offline check-in to guest register', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('two guests checked in offline reach the register once', async () => {
    const kioskContext = await browser.newContext();
    const kiosk = await kioskContext.newPage();
    // The pairing code seeded at start expires after 10 minutes, which a long test run outlasts.
    const pairingCode = await createTestPairingCode(requiredEnv('OS_DEMO_FACILITY_ID'));
    const pairingUrl = `${requiredEnv('OS_KIOSK_URL')}/?pairingCode=${pairingCode}`;

    // Pairing needs the network; the guest flow afterwards does not.
    await kiosk.goto(pairingUrl);
    await kiosk.getByTestId('language-screen').waitFor({ timeout: 60_000 });
    await kiosk.locator('[data-testid="status-online"][data-online="true"]').waitFor({ timeout: 60_000 });
    // The service worker must control the page before a reload can succeed offline.
    await kiosk.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    const passportJpeg = await makePassportJpeg(kiosk);

    await kioskContext.setOffline(true);
    await kiosk.locator('[data-testid="status-online"][data-online="false"]').waitFor();
    await checkInTwoGuests(kiosk, { resident: residentGuest, foreign: foreignGuest, passportJpeg });
    await screenshot(kiosk, 'kiosk-finish-offline');
    await kiosk.locator('[data-testid="status-pending"][data-count="1"]').waitFor();

    await kiosk.reload();
    await kiosk.getByTestId('language-screen').waitFor();
    await kiosk.locator('[data-testid="status-pending"][data-count="1"]').waitFor();
    const offlineStorage = await dumpBrowserStorage(kiosk);
    for (const secret of guestSecrets) expect(offlineStorage).not.toContain(secret);
    expect(await registerEntriesOfDemoFacility()).toHaveLength(0);

    await kioskContext.setOffline(false);
    const entries = await waitFor('the register entry', registerEntriesOfDemoFacility, (found) => found.length > 0);
    await kiosk.locator('[data-testid="status-pending"][data-count="0"]').waitFor({ timeout: syncTimeoutMs });
    // A late duplicate delivery would show up as a second entry within the next poll cycles.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await registerEntriesOfDemoFacility()).toHaveLength(1);
    expect(entries[0].guestCount).toBe(2);
    const demoCheckInsOf = async () =>
      (await scanTable(requiredEnv('OS_CHECKIN_TABLE')))
        .map((item) => unmarshall(item))
        .filter((checkIn) => checkIn.facilityId === requiredEnv('OS_DEMO_FACILITY_ID'));
    // Ingest gives the record, with its sealed guest data, a TTL of 7 days after the entry once
    // the operator's notice is sent.
    const demoCheckIns = await waitFor('the check-in TTL', demoCheckInsOf, (found) => found.some((checkIn) => checkIn._ttl !== undefined));
    expect(demoCheckIns).toHaveLength(1);
    expect(demoCheckIns[0]._ttl).toBeGreaterThan(Date.parse(String(entries[0].createdAt)) / 1000);
    expect(demoCheckIns[0]._ttl).toBeLessThanOrEqual(Date.parse(String(entries[0].createdAt)) / 1000 + 7 * 86_400 + 60);

    const syncedStorage = await dumpBrowserStorage(kiosk);
    for (const secret of guestSecrets) expect(syncedStorage).not.toContain(secret);
    expect(await pendingCount(kiosk)).toBe(0);
    await kioskContext.close();

    const entryId = String(entries[0].entryId);
    const admin = await (await browser.newContext({ width: 1366, height: 768 })).newPage();
    await signInAsDemoOperator(admin);
    await admin.getByTestId('nav-register').click();
    const row = admin.locator(`[data-testid="register-row"][data-entry-id="${entryId}"]`);
    await row.waitFor();
    await expect(row.getByTestId('register-row-guest-names').textContent()).resolves.toContain(residentGuest.name);
    await screenshot(admin, 'admin-register-list');

    await row.getByTestId('register-row-open').click();
    await admin.getByTestId('register-entry').waitFor();
    // The section renders before the entry's request returns; its guests arrive with the data.
    await admin.getByTestId('guest-name').first().waitFor();
    const guestNames = await admin.getByTestId('guest-name').allTextContents();
    expect(guestNames.join('\n')).toContain(residentGuest.name);
    expect(guestNames.join('\n')).toContain(foreignGuest.name);
    await expect(admin.getByTestId('guest-passport-number').allTextContents()).resolves.toContain(
      foreignGuest.passportNumber,
    );
    const image = admin.getByTestId('passport-image');
    await image.waitFor();
    await admin.waitForFunction(
      () => (document.querySelector('[data-testid="passport-image"]') as HTMLImageElement | null)?.naturalWidth! > 0,
    );
    await screenshot(admin, 'admin-register-entry');
  });

  test('no plaintext guest data in DynamoDB Local or S3', async () => {
    const tableNames = ['OS_DIRECTORY_TABLE', 'OS_REGISTER_TABLE', 'OS_AUDIT_TABLE', 'OS_CHECKIN_TABLE'];
    for (const variable of tableNames) {
      const raw = JSON.stringify(await scanTable(requiredEnv(variable)));
      for (const secret of guestSecrets) expect(raw).not.toContain(secret);
    }

    const bucket = requiredEnv('OS_IMAGES_BUCKET');
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listing.Contents ?? []).map((object) => object.Key!);
    // Other browser tests check in at facilities of their own: count this test's entry only.
    const [entry] = await registerEntriesOfDemoFacility();
    // The foreign visitor's passport copy and face photo.
    expect(keys.filter((key) => key.startsWith(`register/${requiredEnv('OS_DEMO_TENANT_ID')}/${String(entry.entryId)}/`))).toHaveLength(2);
    for (const key of keys) {
      const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
      const jpegMagic = body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff;
      expect({ key, jpegMagic }).toEqual({ key, jpegMagic: false });
    }
  });

  test('operator notice mail carries no guest data', async () => {
    const response = await fetch(`${requiredEnv('OS_SES_ENDPOINT')}/store`);
    const store = (await response.json()) as { emails: unknown[] };
    const mail = JSON.stringify(store.emails);
    expect(mail).toContain('【チェックイン】');
    for (const secret of guestSecrets) expect(mail).not.toContain(secret);
  });
});
