import { readFileSync } from 'node:fs';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { PairingCodeRepository } from '../../lambdas/device/pairing-codes';
import { FacilityRepository } from '../../lambdas/facility/facility-repository';
import { TenantRepository } from '../../lambdas/organisation/tenant-repository';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { submitSignIn } from './support/admin-sign-in';
import { checkInTwoGuests, dumpBrowserStorage, makePassportJpeg } from './support/kiosk-flow';

/**
 * Guest PII stays out of everything but the authorised register views: a kiosk offline with two
 * pending check-ins holds ciphertext only, and after the whole flow (sync, ingest, register list,
 * entry, passport image) no log line of any local service or handler carries a guest's data.
 */

jest.setTimeout(300_000);

/** Invented guests, other than those of the other browser tests: no real person. */
const stays = [
  {
    resident: { name: '架空 六郎', address: '北海道架空郡試験村6-6-6', occupation: '灯台守' },
    foreign: { name: 'Quintus Fictor', address: '7 Invented Road, Atlantis', occupation: 'Glassblower', nationality: 'DE', passportNumber: 'QF5566778' },
  },
  {
    resident: { name: '試作 七海', address: '沖縄県架空市検証町7-7-7', occupation: '養蜂家' },
    foreign: { name: 'Sexta Probanda', address: '8 Imaginary Square, Utopia', occupation: 'Luthier', nationality: 'IT', passportNumber: 'SP9988776' },
  },
] as const;
const guestSecrets = stays.flatMap((stay) => [
  stay.resident.name,
  stay.resident.address,
  stay.resident.occupation,
  stay.foreign.name,
  stay.foreign.address,
  stay.foreign.occupation,
  stay.foreign.passportNumber,
]);

const region = requiredEnv('OS_REGION');
const credentials = { accessKeyId: requiredEnv('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: requiredEnv('OS_AWS_SECRET_ACCESS_KEY') };
const dynamo = new DynamoDBClient({ endpoint: requiredEnv('OS_DYNAMODB_ENDPOINT'), region, credentials });
const documents = DynamoDBDocumentClient.from(dynamo);
// A tenant of its own, so that this test's entries and images never meet another test's.
const runId = randomUUID().slice(0, 8);
const tenantId = `pii-scan-tenant-${runId}`;
const facilityId = `pii-scan-facility-${runId}`;
const officeId = `pii-scan-office-${runId}`;
const owner = { email: `owner-${runId}@pii-scan.example`, password: 'Scan-Owner-2026!' };
// Staff of the facility's office without the `register:read-pii` grant, to whom the API returns masked entries.
const staff = { email: `staff-${runId}@pii-scan.example`, password: 'Scan-Staff-2026!' };

async function registerEntriesOfFacility(): Promise<Record<string, unknown>[]> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: requiredEnv('OS_REGISTER_TABLE'),
      IndexName: 'byFacilityArrival',
      KeyConditionExpression: 'gsi1pk = :facility',
      ExpressionAttributeValues: { ':facility': { S: `TENANT#${tenantId}#FACILITY#${facilityId}` } },
    }),
  );
  return (result.Items ?? []).map((item) => unmarshall(item));
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const cognito = new CognitoIdentityProviderClient({ endpoint: requiredEnv('OS_COGNITO_ENDPOINT'), region, credentials });

/** Creates the test's tenant with one facility, its owner and a staff user, in the Directory and in cognito-local. */
async function createTenantWithOwner(): Promise<void> {
  const directoryTable = requiredEnv('OS_DIRECTORY_TABLE');
  await new TenantRepository(documents, directoryTable).createTenant({ tenantId, name: 'ログ検査株式会社', contactEmail: owner.email });
  await new FacilityRepository(documents, directoryTable).createFacility({
    tenantId,
    facilityId,
    name: 'ログ検査ハウス / Log Scan House',
    licenceType: 'private-lodging',
    licenceNumber: 'M130000001',
    address: '東京都架空区ログ町0-0 (架空 / fictitious)',
    officeId,
  });
  await createOperator(owner, 'owner', []);
  await createOperator(staff, 'staff', [officeId]);
}

/** Creates a head-office user of the test's tenant with a permanent password. */
async function createOperator(
  user: { email: string; password: string },
  role: 'owner' | 'staff',
  officeIds: string[],
): Promise<void> {
  const userPoolId = requiredEnv('OS_USER_POOL_ID');
  const created = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: user.email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:tenantId', Value: tenantId },
      ],
    }),
  );
  const userId = created.User!.Attributes!.find((attribute) => attribute.Name === 'sub')!.Value!;
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.email, Password: user.password, Permanent: true }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: role }));
  await new TenantRepository(documents, requiredEnv('OS_DIRECTORY_TABLE')).putOperatorUser({ tenantId, userId, email: user.email, role, officeIds });
}

async function operatorIdToken(): Promise<string> {
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: requiredEnv('OS_ADMIN_CLIENT_ID'),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: owner.email, PASSWORD: owner.password },
    }),
  );
  return result.AuthenticationResult!.IdToken!;
}

async function callApi(token: string, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${requiredEnv('OS_API_URL')}${path}`, { headers: { authorization: token } });
  return { status: response.status, text: await response.text() };
}

/** Collects every console message and page error of a page, for the log scan. */
function recordConsole(page: Page, lines: string[]): void {
  page.on('console', (message) => lines.push(`[browser console.${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`[browser pageerror] ${error.message}`));
}

describe('guest PII exposure', () => {
  let browser: TestBrowser;
  const browserLines: string[] = [];
  let offlineStorage = '';
  let sealedImageCount = 0;
  let entryIds: string[] = [];

  beforeAll(async () => {
    browser = await launchTestBrowser();
    await createTenantWithOwner();
  });

  afterAll(async () => {
    await browser?.close();
    dynamo.destroy();
    cognito.destroy();
  });

  test('offline kiosk stores ciphertext only', async () => {
    const pairing = await new PairingCodeRepository(documents, requiredEnv('OS_DIRECTORY_TABLE')).createPairingCode({
      tenantId,
      facilityId,
      createdBy: 'guest-pii-exposure-test',
    });
    const context = await browser.newContext();
    const kiosk = await context.newPage();
    recordConsole(kiosk, browserLines);
    await kiosk.goto(`${requiredEnv('OS_KIOSK_URL')}/?pairingCode=${pairing.code}`);
    await kiosk.getByTestId('language-screen').waitFor({ timeout: 60_000 });
    await kiosk.locator('[data-testid="status-online"][data-online="true"]').waitFor({ timeout: 60_000 });
    const passportJpeg = await makePassportJpeg(kiosk);

    await context.setOffline(true);
    await kiosk.locator('[data-testid="status-online"][data-online="false"]').waitFor();
    for (const [index, stay] of stays.entries()) {
      if (index > 0) await kiosk.getByTestId('finish-done').click();
      await kiosk.getByTestId('language-screen').waitFor();
      await checkInTwoGuests(kiosk, { resident: stay.resident as never, foreign: stay.foreign as never, passportJpeg });
    }
    await kiosk.locator('[data-testid="status-pending"][data-count="2"]').waitFor();

    offlineStorage = await dumpBrowserStorage(kiosk);
    sealedImageCount = await kiosk.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('open-sesame-sealed-images');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const count = request.result.transaction('images').objectStore('images').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
        }),
    );

    // Each stay has one foreign guest with a passport photo and a face photo.
    expect(sealedImageCount).toBe(4);
    for (const secret of guestSecrets) expect(offlineStorage).not.toContain(secret);
    // JPEG headers, raw or base64 ("/9j/" is FF D8 FF in base64): no image is stored readable.
    expect(offlineStorage).not.toContain('JFIF');
    expect(offlineStorage).not.toContain('/9j/');
    expect(offlineStorage).not.toContain(passportJpeg.subarray(200, 260).toString('latin1'));

    await context.setOffline(false);
    const entries = await waitFor('both register entries', registerEntriesOfFacility, (found) => found.length === 2);
    entryIds = entries.map((entry) => String(entry.entryId));
    await kiosk.locator('[data-testid="status-pending"][data-count="0"]').waitFor({ timeout: 120_000 });
    const syncedStorage = await dumpBrowserStorage(kiosk);
    for (const secret of guestSecrets) expect(syncedStorage).not.toContain(secret);
    await context.close();
  });

  test('register API decrypts for the owner', async () => {
    expect(entryIds).toHaveLength(2);
    const token = await operatorIdToken();

    const list = await callApi(token, `/register?facilityId=${facilityId}`);
    const details = await Promise.all(entryIds.map((entryId) => callApi(token, `/register/${entryId}`)));
    const images = await Promise.all(
      details.map((detail, index) => {
        const guest = (JSON.parse(detail.text) as { guests: { passportImageId?: string }[] }).guests.find((candidate) => candidate.passportImageId);
        return callApi(token, `/register/${entryIds[index]}/images/${guest!.passportImageId}`);
      }),
    );

    expect(list.status).toBe(200);
    expect(list.text).toContain(stays[0].resident.name);
    for (const detail of details) expect(detail.status).toBe(200);
    expect(details.map((detail) => detail.text).join('\n')).toContain(stays[1].foreign.passportNumber);
    for (const image of images) expect(image.status).toBe(200);
  });

  test('staff without PII grant sees image notes', async () => {
    expect(entryIds).toHaveLength(2);
    const page = await (await browser.newContext({ width: 1366, height: 768 })).newPage();
    recordConsole(page, browserLines);
    await page.goto(requiredEnv('OS_ADMIN_URL'));
    await submitSignIn(page, staff.email, staff.password);
    await page.getByTestId('operator').waitFor();

    await page.goto(`${requiredEnv('OS_ADMIN_URL')}#/register/${encodeURIComponent(entryIds[0])}`);
    await page.getByTestId('register-entry').waitFor();
    const faceNote = page.getByTestId('face-image-hidden');
    await faceNote.waitFor();

    await expect(page.getByTestId('passport-image-hidden').textContent()).resolves.toBe('旅券の写しを見る権限がありません。');
    await expect(faceNote.textContent()).resolves.toBe('顔写真を見る権限がありません。');
    await expect(page.getByTestId('face-image').count()).resolves.toBe(0);
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '再試行' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  test('no log line carries guest PII', () => {
    const serviceLog = readFileSync(requiredEnv('OS_SERVICE_LOG_FILE'), 'utf8');
    const everyLine = `${serviceLog}\n${browserLines.join('\n')}`;

    // The capture itself works: handler and emulator lines are both there.
    expect(serviceLog).toContain('Check-in ingested');
    expect(serviceLog).toContain('[dynamodb-local]');
    for (const secret of guestSecrets) expect(everyLine).not.toContain(secret);
  });
});
