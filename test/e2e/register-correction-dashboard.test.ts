import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TenantDataKeys } from '../../lambdas/guest-pii/tenant-data-keys';
import { TenantKeys } from '../../lambdas/guest-pii/tenant-keys';
import { FacilityRepository } from '../../lambdas/facility/facility-repository';
import { RegisterRepository } from '../../lambdas/guest-register/register-repository';
import { capYearAt } from '../../lambdas/reports/annual-day-cap';
import { addDays } from '../../lambdas/reports/japan-time';
import { todayInJapan } from '../../lambdas/reports/reporting-periods';
import { storeRegisterEntry, type FixtureGuest } from '../integration/support/register-fixtures';
import { signInAsDemoOperator } from './support/admin-sign-in';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { createTestFacility } from './support/test-facility';

/**
 * The dashboard, the long-stay confirmation and the correction form in Chromium, as the demo
 * owner. A long stay around today is stored in a facility of its own, encrypted under the demo
 * tenant's keys exactly as ingest stores it.
 */

jest.setTimeout(180_000);

const facilityId = 'facility-e2e-correction';
/** A facility whose local limit of 5 days the stored stays exceed. */
const overLimitId = 'facility-e2e-over-limit';
/** Invented guests: no real person has these names, addresses or passport numbers. */
const resident: FixtureGuest = { name: '訂正 試験子', address: '架空県架空市訂正町1-2-3', occupation: '会社員', hasAddressInJapan: true };
const visitor: FixtureGuest = {
  name: 'Corrigenda Fictiva',
  address: '9 Imaginary Row, Nowhere',
  occupation: 'Archivist',
  hasAddressInJapan: false,
  nationality: 'NZ',
  passportNumber: 'CF1234567',
};
const correctedAddress = '10 Invented Row, Nowhere';

const region = requiredEnv('OS_REGION');
const credentials = { accessKeyId: requiredEnv('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: requiredEnv('OS_AWS_SECRET_ACCESS_KEY') };
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: requiredEnv('OS_DYNAMODB_ENDPOINT'), region, credentials }), {
  marshallOptions: { removeUndefinedValues: true },
});
const kms = new KMSClient({ endpoint: requiredEnv('OS_KMS_ENDPOINT'), region, credentials });

async function auditActionsOf(entryId: string): Promise<string[]> {
  const result = await documents.send(
    new QueryCommand({
      TableName: requiredEnv('OS_AUDIT_TABLE'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `TENANT#${requiredEnv('OS_DEMO_TENANT_ID')}` },
    }),
  );
  return (result.Items ?? []).filter((item) => (item.entryIds as string[] | undefined)?.includes(entryId) && item.action !== 'view').map((item) => item.action as string);
}

describe('dashboard, long stay and correction', () => {
  let browser: TestBrowser;
  let entryId: string;
  let arrivalDate: string;
  let departureDate: string;
  /** A stay whose check-out was stored before its arrival, which the counts must skip and list. */
  let uncountedEntryId: string;

  beforeAll(async () => {
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const today = todayInJapan(new Date());
    const dataKeys = new TenantDataKeys({
      kms,
      documentClient: documents,
      registerTable: requiredEnv('OS_REGISTER_TABLE'),
      tenantKeys: new TenantKeys(kms, { stage: requiredEnv('OS_STAGE'), aliasPrefix: requiredEnv('OS_TENANT_KEY_ALIAS_PREFIX') }),
    });
    // Arrived 9 days ago for 21 nights: the first confirmation fell due two days ago.
    const entry = await storeRegisterEntry(
      { register: new RegisterRepository(documents, requiredEnv('OS_REGISTER_TABLE')), dataKeys },
      {
        tenantId: requiredEnv('OS_DEMO_TENANT_ID'),
        facilityId,
        arrivalDate: addDays(today, -9),
        departureDate: addDays(today, 12),
        acceptedAt: `${addDays(today, -9)}T15:00:00+09:00`,
        guests: [resident, visitor],
      },
    );
    entryId = entry.entryId;
    arrivalDate = entry.arrivalDate;
    departureDate = entry.departureDate;

    await new FacilityRepository(documents, requiredEnv('OS_DIRECTORY_TABLE')).createFacility({
      tenantId: requiredEnv('OS_DEMO_TENANT_ID'),
      facilityId: overLimitId,
      name: '上限超過ハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M139999988',
      address: '架空県架空市2-2 (架空 / fictitious)',
      reportSettings: { annualDayLimit: 5 },
    });
    // 7 lodging days early in the current cap year, from 15:00 on April 2 to 10:00 on April 9.
    const capYearStart = `${capYearAt(new Date()).year}-04-02`;
    await storeRegisterEntry(
      { register: new RegisterRepository(documents, requiredEnv('OS_REGISTER_TABLE')), dataKeys },
      {
        tenantId: requiredEnv('OS_DEMO_TENANT_ID'),
        facilityId: overLimitId,
        arrivalDate: capYearStart,
        departureDate: addDays(capYearStart, 7),
        acceptedAt: `${capYearStart}T15:00:00+09:00`,
        guests: [resident],
      },
    );
    const uncounted = await storeRegisterEntry(
      { register: new RegisterRepository(documents, requiredEnv('OS_REGISTER_TABLE')), dataKeys },
      {
        tenantId: requiredEnv('OS_DEMO_TENANT_ID'),
        facilityId: overLimitId,
        arrivalDate: addDays(capYearStart, 20),
        departureDate: addDays(capYearStart, 22),
        acceptedAt: `${addDays(capYearStart, 20)}T15:00:00+09:00`,
        guests: [resident],
      },
    );
    uncountedEntryId = uncounted.entryId;
    // Written directly, as older data could have it: the check-out is the morning before arrival.
    await documents.send(
      new UpdateCommand({
        TableName: requiredEnv('OS_REGISTER_TABLE'),
        Key: { pk: `TENANT#${requiredEnv('OS_DEMO_TENANT_ID')}`, sk: `ENTRY#${uncountedEntryId}` },
        UpdateExpression: 'SET checkedOutAt = :checkedOutAt',
        ExpressionAttributeValues: { ':checkedOutAt': `${addDays(capYearStart, 19)}T01:00:00.000Z` },
      }),
    );
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    kms.destroy();
    documents.destroy();
  });

  test('owner confirms a long stay and corrects the entry', async () => {
    const admin = await (await browser.newContext({ width: 1366, height: 900 })).newPage();
    await signInAsDemoOperator(admin);

    // The dashboard is the landing page: counter, upcoming reports and the due long stay.
    const card = admin.locator(`[data-testid="dashboard-facility"][data-facility-id="${facilityId}"]`);
    await card.waitFor();
    await expect(card.getByTestId('annual-days-used').textContent()).resolves.toMatch(/^\d+ \/ 180 日$/);
    // The card's heading names the facility, so the counter inside does not repeat it, and the list has no bullets.
    await expect(card.locator('h2').count()).resolves.toBe(1);
    await expect(card.getByTestId('annual-counter').count()).resolves.toBe(1);
    await expect(card.getByTestId('annual-counter').locator('.facility-name').count()).resolves.toBe(0);
    await expect(card.evaluate((element) => getComputedStyle(element).listStyleType)).resolves.toBe('none');
    // The reports load apart from the day counts, so the list may still be empty here.
    await card.getByTestId('dashboard-report').first().waitFor();
    await expect(card.getByTestId('dashboard-report').count()).resolves.toBe(2);
    await expect(card.getByTestId('dashboard-long-stays-due').textContent()).resolves.toContain('1 件の長期滞在で確認の期限が過ぎています');
    const overLimit = admin.locator(`[data-testid="dashboard-facility"][data-facility-id="${overLimitId}"]`);
    await expect(overLimit.getByTestId('annual-days-used').textContent()).resolves.toBe('7 / 5 日');
    await expect(overLimit.getByTestId('annual-warning').textContent()).resolves.toContain('年間の上限 5 日を 2 日超えています');
    // The stay with a check-out before arrival is left out of the counts and linked for correction.
    const uncountedLink = admin.locator(`[data-testid="dashboard-uncounted"] li[data-entry-id="${uncountedEntryId}"] a`);
    await expect(uncountedLink.textContent()).resolves.toContain('上限超過ハウス');
    await uncountedLink.click();
    await admin.getByTestId('entry-correct').waitFor();

    // The register list flags the stay as due.
    await admin.getByTestId('nav-register').click();
    await admin.getByTestId('register-facility').selectOption(facilityId);
    await admin.getByTestId('register-search').click();
    const row = admin.locator(`[data-testid="register-row"][data-entry-id="${entryId}"]`);
    await row.getByTestId('register-row-long-stay-due').waitFor();

    // Confirm who is staying from the entry page.
    await admin.getByTestId('nav-dashboard').click();
    await card.locator(`[data-testid="dashboard-long-stay"][data-entry-id="${entryId}"] a`).click();
    await admin.getByTestId('long-stay-due').waitFor();
    await admin.getByTestId('long-stay-confirm').click();
    await admin.getByTestId('long-stay-confirmation').waitFor();
    await expect(admin.getByTestId('long-stay-due').count()).resolves.toBe(0);
    await expect(admin.getByTestId('long-stay-next').textContent()).resolves.toContain('次の確認の期限');

    // A bad passport number and a missing reason are shown beside their fields, in Japanese.
    await admin.getByTestId('entry-correct').click();
    const visitorFields = admin.getByTestId('correction-guest').nth(1);
    await visitorFields.getByTestId('correction-passport-number').fill('12');
    await admin.getByTestId('correction-submit').click();
    const passportError = admin.locator('[id="guests.1.passportNumber-error"]');
    await expect(passportError.textContent()).resolves.toBe('旅券番号は英数字6〜9文字で入力してください。');
    await expect(admin.locator('[id="reason-error"]').textContent()).resolves.toContain('訂正の理由を入力してください');
    // And in English after switching the language.
    await admin.getByTestId('language-switch').selectOption('en');
    await expect(passportError.textContent()).resolves.toBe('Enter the passport number as 6 to 9 letters or digits.');
    await admin.getByTestId('language-switch').selectOption('ja');

    // 国籍 is chosen from the kiosk's country list, named in Japanese with English.
    const nationality = visitorFields.getByTestId('correction-nationality');
    await expect(nationality.inputValue()).resolves.toBe('NZ');
    await expect(nationality.locator('option[value="NZ"]').textContent()).resolves.toBe('ニュージーランド / New Zealand (NZ)');

    await visitorFields.getByTestId('correction-passport-number').fill('cf7654321');
    await visitorFields.getByTestId('correction-address').fill(correctedAddress);
    await admin.getByTestId('correction-reason').fill('宿泊者から旅券番号と住所の誤りの申告');

    // A check-out before the arrival date is caught in the form. One too late is rejected by the
    // API, whose message names the field.
    const checkOutError = admin.locator('[id="checkedOutAt-error"]');
    await admin.getByTestId('correction-checked-out').fill(`${addDays(arrivalDate, -1)}T10:00`);
    await admin.getByTestId('correction-submit').click();
    await expect(checkOutError.textContent()).resolves.toBe('到着日より前の日時は指定できません。');
    await admin.getByTestId('correction-checked-out').fill(`${addDays(departureDate, 2)}T10:00`);
    await admin.getByTestId('correction-submit').click();
    await checkOutError.filter({ hasText: '出発日' }).waitFor();
    await expect(checkOutError.textContent()).resolves.toBe(`チェックアウト日時: 出発日 (${departureDate}) の翌日より後です`);
    await admin.getByTestId('correction-checked-out').fill('');

    // A valid correction is saved, shown, and audited with the confirmation.
    await admin.getByTestId('correction-submit').click();
    await admin.getByTestId('correction-saved').waitFor();
    const visitorDetail = admin.getByTestId('guest-detail').nth(1);
    await expect(visitorDetail.getByTestId('guest-address').textContent()).resolves.toBe(correctedAddress);
    await expect(visitorDetail.getByTestId('guest-passport-number').textContent()).resolves.toBe('CF7654321');
    await admin.getByTestId('entry-corrected').waitFor();
    expect((await auditActionsOf(entryId)).sort()).toEqual(['confirm-long-stay', 'correct']);
  });
});
