import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FacilityRepository } from '../../lambdas/facility/facility-repository';
import { periodOfDay, todayInJapan } from '../../lambdas/reports/reporting-periods';
import { pdfText } from '../support/pdf-text';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { signInAsDemoOperator } from './support/admin-sign-in';
import { checkInTwoGuests, makePassportJpeg } from './support/kiosk-flow';

/**
 * The register's legal outputs end to end: a stay checked in at a kiosk of a second 住宅宿泊事業
 * facility appears in the register list, in the CSV export and in the 定期報告 figures and the
 * 180-day counter. Its own facility and guests keep it apart from the other browser tests. The
 * facility starts without a 届出日, so the reports screen requests it, and entering it through
 * the facility form drops the periods before it from the list.
 */

jest.setTimeout(240_000);

const facilityId = 'facility-e2e-reports';
/** Invented guests: no real person has these names, addresses or passport numbers. */
const resident = { name: '報告 試子', address: '東京都架空区報告町7-8-9', occupation: '教員' } as const;
const visitor = {
  name: 'Exempla Rapporta',
  address: '5 Via Immaginaria, Roma',
  occupation: 'Pittrice',
  nationality: 'IT',
  passportNumber: 'YA1234567',
} as const;
const syncTimeoutMs = 90_000;

const region = requiredEnv('OS_REGION');
const credentials = { accessKeyId: requiredEnv('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: requiredEnv('OS_AWS_SECRET_ACCESS_KEY') };
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: requiredEnv('OS_DYNAMODB_ENDPOINT'), region, credentials }));

async function registerEntriesOfFacility(): Promise<Record<string, unknown>[]> {
  const tenantId = requiredEnv('OS_DEMO_TENANT_ID');
  const result = await documents.send(
    new QueryCommand({
      TableName: requiredEnv('OS_REGISTER_TABLE'),
      IndexName: 'byFacilityArrival',
      KeyConditionExpression: 'gsi1pk = :facility',
      ExpressionAttributeValues: { ':facility': `TENANT#${tenantId}#FACILITY#${facilityId}` },
    }),
  );
  return result.Items ?? [];
}

async function operatorIdToken(): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({ endpoint: requiredEnv('OS_COGNITO_ENDPOINT'), region, credentials });
  const result = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: requiredEnv('OS_ADMIN_CLIENT_ID'),
      AuthParameters: { USERNAME: requiredEnv('OS_DEMO_OPERATOR_EMAIL'), PASSWORD: requiredEnv('OS_DEMO_OPERATOR_PASSWORD') },
    }),
  );
  cognito.destroy();
  return result.AuthenticationResult!.IdToken!;
}

describe('kiosk check-in to register, export and reports', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    await new FacilityRepository(documents, requiredEnv('OS_DIRECTORY_TABLE')).createFacility({
      tenantId: requiredEnv('OS_DEMO_TENANT_ID'),
      facilityId,
      name: '報告テストハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M139999999',
      address: '東京都架空区報告町1-1',
    });
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('stay reaches register, CSV and report figures', async () => {
    const admin = await (await browser.newContext({ width: 1366, height: 768 })).newPage();
    // Status checks of an export start after its job exists, so none may return 404. The export
    // request is held back for 1.5 s, so a status check sent before it finds no job.
    const exportStatusNotFound: string[] = [];
    admin.on('response', (response) => {
      if (response.status() === 404 && response.url().includes('/register/exports/')) exportStatusNotFound.push(response.url());
    });
    await admin.route('**/register/exports', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await signInAsDemoOperator(admin);

    // Pair a kiosk with the report facility through the admin app.
    await admin.getByTestId('nav-facilities').click();
    await admin.locator(`[data-testid="facility-row"][data-facility-id="${facilityId}"]`).getByTestId('create-pairing-code').click();
    const pairingCode = (await admin.getByTestId('pairing-code').textContent())!.trim();
    const kiosk = await (await browser.newContext()).newPage();
    await kiosk.goto(`${requiredEnv('OS_KIOSK_URL')}/?pairingCode=${encodeURIComponent(pairingCode)}`);
    await kiosk.getByTestId('language-screen').waitFor({ timeout: 60_000 });
    await checkInTwoGuests(kiosk, { resident, foreign: visitor, passportJpeg: await makePassportJpeg(kiosk) });

    const deadline = Date.now() + syncTimeoutMs;
    let entries = await registerEntriesOfFacility();
    while (entries.length === 0) {
      if (Date.now() > deadline) throw new Error(`No register entry for ${facilityId} after ${syncTimeoutMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      entries = await registerEntriesOfFacility();
    }
    expect(entries).toHaveLength(1);
    const entryId = String(entries[0].entryId);

    // The register list, filtered by the visitor's nationality.
    await admin.getByTestId('nav-register').click();
    await admin.getByTestId('register-facility').selectOption(facilityId);
    // The filter suggests every country of the kiosk's list, not only the 定期報告's 21, and takes
    // a country's label as the suggestion writes it.
    await expect(admin.locator('#register-nationality-options option').count()).resolves.toBeGreaterThan(240);
    await admin.getByTestId('register-nationality').fill('イタリア / Italy (IT)');
    await admin.getByTestId('register-search').click();
    const row = admin.locator(`[data-testid="register-row"][data-entry-id="${entryId}"]`);
    await row.waitFor();
    // The export range is written like the stay dates, e.g. 2026年12月5日(土).
    const japaneseDate = String.raw`\d{4}年\d{1,2}月\d{1,2}日\(.\)`;
    await expect(admin.getByTestId('register-export-range').textContent()).resolves.toMatch(new RegExp(`^対象: 到着日 ${japaneseDate} 〜 ${japaneseDate}（`));
    const names = await row.getByTestId('register-row-guest-names').textContent();
    expect(names).toContain(resident.name);
    expect(names).toContain(visitor.name);

    // The CSV export of the same search. The API queues it, the Register table's stream starts
    // the bundled export worker, and admin-web polls the job until the link appears.
    await admin.getByTestId('register-export').click();
    const link = admin.getByTestId('register-export-link');
    await link.waitFor({ timeout: 30_000 });
    const csv = Buffer.from(await (await fetch((await link.getAttribute('href'))!)).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csv.subarray(3).toString('utf8');
    expect(exportStatusNotFound).toEqual([]);
    expect(csvText.startsWith('宿泊者名簿番号,チェックイン日,チェックアウト日,')).toBe(true);
    expect(csvText).toContain(`${resident.name},${resident.address},${resident.occupation},,あり`);
    expect(csvText).toContain(`,なし,IT,${visitor.passportNumber},あり,`);

    // The printable PDF of the same search, written by the same worker with its font and image
    // decoder, with the passport photo taken at the kiosk.
    await admin.getByTestId('register-export-pdf').click();
    const pdfLink = admin.getByTestId('register-export-pdf-link');
    await pdfLink.waitFor({ timeout: 30_000 });
    const pdf = Buffer.from(await (await fetch((await pdfLink.getAttribute('href'))!)).arrayBuffer());
    const pdfContent = await pdfText(pdf);
    expect(pdfContent.text).toContain(resident.name);
    expect(pdfContent.text).toContain(visitor.passportNumber);
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(1);

    // All facilities: the same stay, named with its facility. Exports stay per facility.
    await admin.getByTestId('register-facility').selectOption('');
    await admin.getByTestId('register-search').click();
    await admin.getByTestId('register-export-choose-facility').waitFor();
    const mergedRowFacility = admin.locator(`[data-testid="register-row"][data-entry-id="${entryId}"]`).getByTestId('register-row-facility');
    await mergedRowFacility.waitFor();
    await expect(mergedRowFacility.textContent()).resolves.toBe('報告テストハウス');
    await expect(admin.getByTestId('register-export').count()).resolves.toBe(0);

    // The 定期報告 figures of the current period, through the local API gateway.
    const period = periodOfDay(todayInJapan(new Date())).periodId;
    const response = await fetch(
      `${requiredEnv('OS_API_URL')}/reports/periodic?facilityId=${facilityId}&from=${period}&to=${period}`,
      { headers: { Authorization: await operatorIdToken() } },
    );
    expect(response.status).toBe(200);
    const [report] = ((await response.json()) as { reports: any[] }).reports;
    expect(report.figures.guestCount).toBe(2);
    expect(report.figures.daysWithGuests).toBeGreaterThanOrEqual(1);
    expect(report.figures.guestNights).toBe(2 * report.figures.daysWithGuests);
    expect(report.figures.guestsByNationality).toEqual({ resident: 1, IT: 1 });

    // The 180-day counter counts the same days.
    await admin.getByTestId('nav-reports').click();
    const counter = admin.locator(`[data-testid="annual-counter"][data-facility-id="${facilityId}"]`);
    await counter.waitFor();
    // The dashboard loaded the counter before the check-in, so wait until the page has refetched it.
    const used = counter.getByTestId('annual-days-used');
    await used.filter({ hasText: new RegExp(`^${report.figures.daysWithGuests} / 180 日$`) }).waitFor({ timeout: 10_000 });
    await expect(used.textContent()).resolves.toBe(`${report.figures.daysWithGuests} / 180 日`);

    // Period labels: the government's form in Japanese, translated in English.
    const periodLabel = admin.getByTestId('report-period-label').first();
    await expect(periodLabel.textContent()).resolves.toMatch(/^\d{4}年度\d{2}月～\d{2}月$/);
    await admin.getByTestId('language-switch').selectOption('en');
    await admin.getByTestId('report-period-label').filter({ hasText: /^FY/ }).first().waitFor();
    await expect(periodLabel.textContent()).resolves.toMatch(/^FY\d{4} [A-Z][a-z]{2}–[A-Z][a-z]{2}$/);
    await admin.getByTestId('language-switch').selectOption('ja');
    await admin.getByTestId('report-period-label').filter({ hasText: /年度/ }).first().waitFor();

    // Without a 届出日 the six closed periods are listed, and the screen links to the form.
    const missingDate = admin.locator(`[data-testid="reports-missing-notification-date"] li[data-facility-id="${facilityId}"]`);
    await missingDate.waitFor();
    const reportRows = admin.locator(`[data-testid="report-row"][data-facility-id="${facilityId}"]`);
    await expect(reportRows.count()).resolves.toBe(6);
    await missingDate.getByTestId('reports-enter-notification-date').click();

    // The fixture has no postal address or capacity, which the form requires.
    await admin.getByTestId('facility-form').waitFor();
    await admin.getByTestId('facility-postalCode').fill('111-0032');
    await admin.getByTestId('facility-city').fill('架空区');
    await admin.getByTestId('facility-street').fill('報告町1-1');
    await admin.getByTestId('facility-capacity').fill('4');
    await admin.getByTestId('facility-notificationDate').fill('2018-02-01');
    await admin.getByTestId('facility-save').click();
    await admin.locator('#notificationDate-error').waitFor();
    await expect(admin.locator('#notificationDate-error').textContent()).resolves.toBe(
      '届出日: 届出の受付開始日 2018-03-15 以降の日付にしてください',
    );

    // A 届出日 of today: every closed period ended before it, so none is listed or overdue.
    await admin.getByTestId('facility-notificationDate').fill(todayInJapan(new Date()));
    await admin.getByTestId('facility-save').click();
    await admin.locator(`[data-testid="facility-row"][data-facility-id="${facilityId}"]`).waitFor();
    await admin.getByTestId('nav-reports').click();
    await admin.getByTestId('report-period').first().waitFor();
    await missingDate.waitFor({ state: 'detached' });
    await expect(reportRows.count()).resolves.toBe(0);
  });
});
