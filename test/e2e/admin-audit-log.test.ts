import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../lambdas/guest-register/audit-log';
import { DeletionAuditLog } from '../../lambdas/guest-register/deletion-audit';
import { AdminAuditLog } from '../../lambdas/organisation/admin-audit';
import { TenantRepository } from '../../lambdas/organisation/tenant-repository';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { signInAsDemoOperator } from './support/admin-sign-in';
import { createTestFacility } from './support/test-facility';

/**
 * The tenant owner reads who decrypted or exported guest data, named by display name and email,
 * filtered by user and period, beside the admin changes and the retention job's deletions. The
 * exporter has no Directory record, as after a deletion.
 */

jest.setTimeout(120_000);

const screenshotDir = path.join(__dirname, '..', 'output', 'e2e');
const dynamo = new DynamoDBClient({
  endpoint: requiredEnv('OS_DYNAMODB_ENDPOINT'),
  region: requiredEnv('OS_REGION'),
  credentials: { accessKeyId: requiredEnv('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: requiredEnv('OS_AWS_SECRET_ACCESS_KEY') },
});
const documents = DynamoDBDocumentClient.from(dynamo);
const tenantId = requiredEnv('OS_DEMO_TENANT_ID');
const viewer = `viewer-${randomUUID().slice(0, 8)}`;
/** The facility whose edit the seeded admin change records; admin-web shows its current name. */
const targetFacilityId = `audit-target-${randomUUID().slice(0, 8)}`;
const exporter = `exporter-${randomUUID().slice(0, 8)}`;

describe('admin audit log page', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchTestBrowser();
    await new TenantRepository(documents, requiredEnv('OS_DIRECTORY_TABLE')).putOperatorUser({
      tenantId,
      userId: viewer,
      email: `${viewer}@example.invalid`,
      displayName: '架空 一郎',
      role: 'manager',
      officeIds: ['office-audit'],
    });
    const recordAt = (time: string) => new AuditLog(documents, requiredEnv('OS_AUDIT_TABLE'), () => new Date(time));
    await recordAt('2025-03-10T01:00:00Z').record({
      tenantId,
      userId: viewer,
      action: 'view',
      disclosure: 'masked',
      resource: 'register-list',
      entryIds: ['e-1', 'e-2', 'e-3'],
    });
    await recordAt('2025-03-20T01:00:00Z').record({
      tenantId,
      userId: exporter,
      action: 'export',
      disclosure: 'full',
      resource: 'register-csv',
      entryIds: ['e-1'],
    });
    await createTestFacility({ facilityId: targetFacilityId, licenceType: 'private-lodging' });
    const change = new AdminAuditLog(requiredEnv('OS_AUDIT_TABLE')).entry(
      {
        tenantId,
        userId: viewer,
        action: 'facility.update',
        targetType: 'facility',
        targetIds: [targetFacilityId],
        changedFields: ['name'],
      },
      new Date('2025-03-15T01:00:00Z'),
    );
    await documents.send(new TransactWriteCommand({ TransactItems: [change] }));
    await new DeletionAuditLog(documents, requiredEnv('OS_AUDIT_TABLE')).record(
      { tenantId, action: 'retention-purge', actor: 'system:retention-job', entryIds: ['e-expired'], details: { retentionYears: 3 } },
      new Date('2025-03-25T01:00:00Z'),
    );
  });

  afterAll(async () => {
    await browser?.close();
    dynamo.destroy();
  });

  test('owner filters by user and period', async () => {
    // A browser in New York, where 01:00 UTC on 10 March is still 9 March.
    const admin = await (await browser.newContext({ width: 1366, height: 768 }, { timezoneId: 'America/New_York' })).newPage();
    await signInAsDemoOperator(admin);

    await admin.getByTestId('nav-audit-log').click();
    await admin.getByTestId('audit-from').fill('2025-03-01');
    await admin.getByTestId('audit-to').fill('2025-03-31');
    await admin.getByTestId('audit-search').click();
    await admin.locator(`[data-testid="audit-row-user"][data-user-id="${exporter}"]`).waitFor();
    const usersInMarch = await admin.getByTestId('audit-row-user').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-user-id')));
    const exporterCell = admin.locator(`[data-testid="audit-row-user"][data-user-id="${exporter}"]`);
    const viewerCell = admin.locator(`[data-testid="audit-row-user"][data-user-id="${viewer}"]`).first();
    const exporterText = await exporterCell.textContent();
    const viewerText = await viewerCell.textContent();
    const viewerTooltip = await viewerCell.getAttribute('title');
    const resourcesInMarch = await admin.getByTestId('audit-row-resource').allTextContents();
    const actionsInMarch = await admin.getByTestId('audit-row-action').allTextContents();
    const actorsInMarch = await admin.getByTestId('audit-row-user').allTextContents();
    mkdirSync(screenshotDir, { recursive: true });
    await admin.screenshot({ path: path.join(screenshotDir, 'admin-audit-log.png') });

    const viewerOption = await admin.locator(`[data-testid="audit-user"] option[value="${viewer}"]`).textContent();
    await admin.getByTestId('audit-user').selectOption(viewer);
    await admin.getByTestId('audit-search').click();
    await admin.waitForFunction(
      (expected) => {
        const cells = [...document.querySelectorAll('[data-testid="audit-row-user"]')];
        return cells.length > 0 && cells.every((cell) => cell.getAttribute('data-user-id') === expected);
      },
      viewer,
    );
    const viewerRows = await admin.getByTestId('audit-row-action').allTextContents();
    const viewerResources = await admin.getByTestId('audit-row-resource').allTextContents();

    expect(usersInMarch).toEqual(expect.arrayContaining([viewer, exporter]));
    expect(usersInMarch.indexOf(exporter)).toBeLessThan(usersInMarch.indexOf(viewer));
    expect(viewerText).toBe(`架空 一郎 ${viewer}@example.invalid`);
    expect(viewerTooltip).toBe(viewer);
    expect(exporterText).toBe(`不明なユーザー ${exporter}`);
    expect(resourcesInMarch).toEqual(expect.arrayContaining(['宿泊者名簿 CSV', '宿泊者名簿一覧']));
    expect(viewerOption).toBe(`架空 一郎 (${viewer}@example.invalid)`);
    expect(actionsInMarch).toContain('保存期間（3 年）経過による削除');
    expect(actorsInMarch).toContain('システム（保存期間の自動削除）');
    expect(viewerRows).toEqual(['施設の編集', '閲覧 (マスク表示)']);
    expect(viewerResources).toEqual([`施設試験ハウス ${targetFacilityId} ${targetFacilityId}`, '宿泊者名簿一覧']);
    await expect(admin.getByTestId('audit-row-target-name').allTextContents()).resolves.toEqual([`試験ハウス ${targetFacilityId}`]);
    await expect(admin.getByTestId('audit-row-target-id').allTextContents()).resolves.toEqual([targetFacilityId]);
    await expect(admin.getByTestId('audit-row-entries').allTextContents()).resolves.toEqual(['1件', '3件']);
    await expect(admin.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).resolves.toBe('America/New_York');
    await expect(admin.getByTestId('audit-row-at').allTextContents()).resolves.toEqual(['2025/03/15 10:00 JST', '2025/03/10 10:00 JST']);
  });
  test('phone keeps dates on one line', async () => {
    const admin = await (await browser.newContext({ width: 390, height: 844 })).newPage();
    await signInAsDemoOperator(admin);
    await admin.goto(`${requiredEnv('OS_ADMIN_URL')}#/audit-log`);
    await admin.getByTestId('audit-from').fill('2025-03-01');
    await admin.getByTestId('audit-to').fill('2025-03-31');
    await admin.getByTestId('audit-search').click();
    const dateCell = admin.getByTestId('audit-row-at').first();
    await dateCell.waitFor();
    mkdirSync(screenshotDir, { recursive: true });
    await admin.screenshot({ path: path.join(screenshotDir, 'admin-audit-log-phone.png'), fullPage: true });

    const layout = await dateCell.evaluate((cell) => {
      const text = document.createRange();
      text.selectNodeContents(cell);
      return { lineCount: text.getClientRects().length, pageWidth: document.documentElement.scrollWidth };
    });
    expect(layout.lineCount).toBe(1);
    expect(layout.pageWidth).toBeLessThanOrEqual(390);
  });
});
