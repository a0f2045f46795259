import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { exportJobInsertEvent } from './support/export-job-events';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { inventedGuestStrings, inventedResident, inventedVisitor, storeRegisterEntry, type FixtureGuest } from './support/register-fixtures';

type Handlers = {
  createExport: typeof import('../../lambdas/guest-register/create-register-export').handler;
  getExport: typeof import('../../lambdas/guest-register/get-register-export').handler;
  runExport: typeof import('../../lambdas/guest-register/run-register-export').handler;
  list: typeof import('../../lambdas/guest-register/list-register-entries').handler;
};

const tenantId = 'tenant-export';
const facilityId = 'facility-export';
const owner = operatorClaims(tenantId, 'owner-export', 'owner');
/** Staff granted `register:export` but not `register:read-pii`. */
const exportingStaff = operatorClaims(tenantId, 'staff-export-grant', 'staff');
/** An invented guest whose name a spreadsheet would run as a formula. */
const formulaGuest: FixtureGuest = { ...inventedVisitor, name: '=HYPERLINK("http://example.invalid")', nationality: 'KR' };
/** Entries stored: more than two export pages of 100. */
const entryCount = 230;

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('register export and filters', () => {
  let emulators: HandlerEmulators;
  let handlers: Handlers;
  let output: ReturnType<typeof captureOutput>;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    output = captureOutput();

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { kmsClient } = require('../../lambdas/aws/kms') as typeof import('../../lambdas/aws/kms');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { RegisterRepository } = require('../../lambdas/guest-register/register-repository') as typeof import('../../lambdas/guest-register/register-repository');
    const { TenantDataKeys } = require('../../lambdas/guest-pii/tenant-data-keys') as typeof import('../../lambdas/guest-pii/tenant-data-keys');
    const { TenantKeys } = require('../../lambdas/guest-pii/tenant-keys') as typeof import('../../lambdas/guest-pii/tenant-keys');

    await new TenantRepository(documentClient, 'Directory').createTenant({ tenantId, name: '出力検証株式会社', contactEmail: 'export@example.invalid' });
    // Roles come from the Directory record; the token's group is not trusted.
    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.putOperatorUser({ tenantId, userId: 'owner-export', email: 'owner-export@example.invalid', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-export', email: 'staff-export@example.invalid', role: 'staff' });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-export-grant', email: 'staff-export-grant@example.invalid', role: 'staff', grants: ['register:export'], officeIds: ['office-export'] });
    await tenants.createTenant({ tenantId: 'tenant-export-other', name: '他社', contactEmail: 'other@example.invalid' });
    await tenants.putOperatorUser({ tenantId: 'tenant-export-other', userId: 'owner-other', email: 'owner-other@example.invalid', role: 'owner' });
    await new FacilityRepository(documentClient, 'Directory').createFacility({
      tenantId,
      facilityId,
      name: 'かきくハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M130000020',
      address: '架空県架空市3-3',
      officeId: 'office-export',
    });
    const deps = {
      register: new RegisterRepository(documentClient, 'Register'),
      dataKeys: new TenantDataKeys({ kms: kmsClient, documentClient, registerTable: 'Register', tenantKeys: new TenantKeys(kmsClient, { stage: 'test', aliasPrefix: process.env.TENANT_KEY_ALIAS_PREFIX! }) }),
    };
    const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    for (let index = 0; index < entryCount; index += 1) {
      const arrivalDate = addDays('2026-01-01', index);
      // Every tenth stay has a guest from Korea; the others a resident and a visitor from the US.
      const guests = index % 10 === 0 ? [formulaGuest] : [inventedResident, inventedVisitor];
      await storeRegisterEntry(deps, {
        tenantId,
        facilityId,
        arrivalDate,
        // The first stay runs 8 nights, a long stay; the others one night.
        departureDate: addDays(arrivalDate, index === 0 ? 8 : 1),
        acceptedAt: `${arrivalDate}T16:00:00+09:00`,
        guests,
      });
    }

    handlers = {
      createExport: (require('../../lambdas/guest-register/create-register-export') as typeof import('../../lambdas/guest-register/create-register-export')).handler,
      getExport: (require('../../lambdas/guest-register/get-register-export') as typeof import('../../lambdas/guest-register/get-register-export')).handler,
      runExport: (require('../../lambdas/guest-register/run-register-export') as typeof import('../../lambdas/guest-register/run-register-export')).handler,
      list: (require('../../lambdas/guest-register/list-register-entries') as typeof import('../../lambdas/guest-register/list-register-entries')).handler,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    await emulators?.stop();
  });

  const exportEvent = (body: Record<string, unknown>, claims = owner) =>
    apiEvent({ claims, body: { exportId: randomUUID(), facilityId, from: '2026-01-01', to: '2026-12-31', format: 'csv', ...body } });

  const exportStatus = async (exportId: string) => json(await handlers.getExport(apiEvent({ claims: owner, pathParameters: { exportId } })));

  describe('CSV export', () => {
    let exportId: string;
    let queued: APIGatewayProxyStructuredResultV2;
    let queuedStatus: any;
    let created: any;
    let csvBytes: Buffer;

    beforeAll(async () => {
      exportId = randomUUID();
      queued = await handlers.createExport(exportEvent({ exportId }));
      queuedStatus = await exportStatus(exportId);
      // The Register stream's mapping delivers the job's INSERT to the worker.
      await handlers.runExport(exportJobInsertEvent(tenantId, exportId));
      created = await exportStatus(exportId);
      csvBytes = Buffer.from(await (await fetch(created.downloadUrl)).arrayBuffer());
    }, 60_000);

    test('request is accepted and queued', () => {
      expect(queued.statusCode).toBe(202);
      expect(json(queued)).toEqual({ exportId, status: 'queued', disclosure: 'full' });
      expect(queuedStatus).toMatchObject({ exportId, status: 'queued', processedEntries: 0 });
      expect(queuedStatus.downloadUrl).toBeUndefined();
    });

    test('counts every entry and guest', () => {
      const korean = Math.ceil(entryCount / 10);

      expect(created).toMatchObject({ exportId, format: 'csv', status: 'done', disclosure: 'full', totalEntries: entryCount, rowCount: korean + (entryCount - korean) * 2 });
    });

    test('file is UTF-8 with BOM and CRLF', () => {
      expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csvBytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe(
        '宿泊者名簿番号,チェックイン日,チェックアウト日,泊数,チェックイン日時（日本時間）,チェックアウト日時（日本時間）,氏名,住所,職業,連絡先,日本国内の住所,国籍,旅券番号,旅券の写し,長期滞在（7泊以上）,登録日時（日本時間）',
      );
      expect(lines).toHaveLength(created.rowCount + 2);
      expect(lines.at(-1)).toBe('');
    });

    test('rows carry decrypted fields', () => {
      const text = csvBytes.toString('utf8');

      expect(text).toContain(`,2026-01-02,2026-01-03,1,2026-01-02 16:00,2026-01-03 10:00（予定）,${inventedResident.name},${inventedResident.address},${inventedResident.occupation},,あり,,,なし,いいえ,`);
      expect(text).toContain(`${inventedVisitor.name},"${inventedVisitor.address}",${inventedVisitor.occupation},,なし,US,${inventedVisitor.passportNumber},なし,いいえ,`);
    });

    test('long stay is flagged', () => {
      expect(csvBytes.toString('utf8')).toContain(',2026-01-01,2026-01-09,8,');
      expect(csvBytes.toString('utf8')).toMatch(/2026-01-01,2026-01-09,8,[^\r]*,はい,/);
    });

    test('formula in a name is neutralized', () => {
      expect(csvBytes.toString('utf8')).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    });

    test('progress shows the finished job', async () => {
      const result = await handlers.getExport(apiEvent({ claims: owner, pathParameters: { exportId } }));

      expect(result.statusCode).toBe(200);
      expect(json(result)).toMatchObject({ status: 'done', totalEntries: entryCount, processedEntries: entryCount, rowCount: created.rowCount });
      expect(json(result).downloadUrl).toContain(`exports/${tenantId}/${exportId}.csv`);
    });

    test('redelivered job record is skipped', async () => {
      const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
      const { RegisterExportJobs } = require('../../lambdas/guest-register/register-export-jobs') as typeof import('../../lambdas/guest-register/register-export-jobs');
      const jobs = new RegisterExportJobs(documentClient, 'Register');
      const before = await jobs.get(tenantId, exportId);

      await handlers.runExport(exportJobInsertEvent(tenantId, exportId));

      expect(await jobs.get(tenantId, exportId)).toEqual(before);
      expect(output.text()).toContain('Export job already claimed; skipped');
    });

    test('every exported entry is audited', async () => {
      const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
      const audit = await documentClient.send(
        new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
      );
      const exports = (audit.Items ?? []).filter((item) => item.action === 'export' && item.resource === 'register-csv' && item.userId === 'owner-export');

      // One record per page of 100, once: the redelivered record above exported nothing.
      expect(exports).toHaveLength(Math.ceil(entryCount / 100));
      expect(exports.every((item) => item.disclosure === 'full')).toBe(true);
      expect(new Set(exports.flatMap((item) => item.entryIds as string[])).size).toBe(entryCount);
      expect(exports.every((item) => item.userId === 'owner-export')).toBe(true);
    });

    test('reused export id is a conflict', async () => {
      const result = await handlers.createExport(exportEvent({ exportId }));

      expect(result.statusCode).toBe(409);
      expect(json(result).error.field).toBe('exportId');
    });
  });

  describe('CSV export by staff without the PII permission', () => {
    let created: any;
    let text: string;

    beforeAll(async () => {
      const queued = await handlers.createExport(exportEvent({}, exportingStaff));
      expect(queued.statusCode).toBe(202);
      expect(json(queued).disclosure).toBe('masked');
      await handlers.runExport(exportJobInsertEvent(tenantId, json(queued).exportId));
      created = await exportStatus(json(queued).exportId);
      text = Buffer.from(await (await fetch(created.downloadUrl)).arrayBuffer()).toString('utf8');
    }, 60_000);

    test('export is masked', () => {
      expect(created).toMatchObject({ status: 'done', disclosure: 'masked', totalEntries: entryCount });
    });

    test('rows carry masked fields', () => {
      expect(text).toContain(`,2026-01-02,2026-01-03,1,2026-01-02 16:00,2026-01-03 10:00（予定）,架空 ●●,●●●●,●●●●,,あり,,,なし,いいえ,`);
      expect(text).toContain(`,Fictus ●●,●●●●,●●●●,,なし,US,●●●●4321,なし,いいえ,`);
      expect(text).toContain(`,'=●●,●●●●,●●●●,,なし,KR,●●●●4321,なし,`);
    });

    test('no plaintext of the guests', () => {
      for (const secret of [...inventedGuestStrings, inventedResident.occupation!, inventedVisitor.occupation!, formulaGuest.name]) {
        expect(text).not.toContain(secret);
      }
    });

    test('audit says masked', async () => {
      const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
      const audit = await documentClient.send(
        new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
      );
      const records = (audit.Items ?? []).filter((item) => item.userId === 'staff-export-grant');

      expect(records).toHaveLength(Math.ceil(entryCount / 100));
      expect(records.every((item) => item.action === 'export' && item.resource === 'register-csv' && item.disclosure === 'masked')).toBe(true);
    });
  });

  describe('export failure', () => {
    test('failed worker marks the job failed', async () => {
      const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
      const { RegisterExportJobs } = require('../../lambdas/guest-register/register-export-jobs') as typeof import('../../lambdas/guest-register/register-export-jobs');
      const exportId = randomUUID();
      // A job the worker cannot run: no writer exists for its format.
      const job = { exportId, tenantId, facilityId, from: '2026-01-01', to: '2026-01-31', userId: 'owner-export', disclosure: 'full' as const };
      await new RegisterExportJobs(documentClient, 'Register').enqueue({ ...job, format: 'xlsx' as 'csv' }, new Date());

      await handlers.runExport(exportJobInsertEvent(tenantId, exportId));
      const status = await exportStatus(exportId);

      expect(status).toMatchObject({ status: 'failed', message: expect.stringMatching(/^エクスポートに失敗しました.* \/ The export failed/) });
      expect(status.downloadUrl).toBeUndefined();
      expect(output.text()).toContain('Register export failed');
    });
  });

  describe('export validation', () => {
    test.each([
      [{ from: '2022-01-01', to: '2026-12-31' }, 'to'],
      [{ from: '2026-12-31', to: '2026-01-01' }, 'from'],
      [{ from: '2026-02-30' }, 'from'],
      [{ exportId: 'not-a-uuid' }, 'exportId'],
      [{ format: 'xlsx' }, 'format'],
    ])('invalid body %o names %s', async (body, field) => {
      const result = await handlers.createExport(exportEvent(body));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe(field);
    });

    test('three years is allowed', async () => {
      const result = await handlers.createExport(exportEvent({ from: '2024-01-01', to: '2026-12-31' }));

      expect(result.statusCode).toBe(202);
    }, 30_000);

    test('staff may not export', async () => {
      const result = await handlers.createExport(exportEvent({}, operatorClaims(tenantId, 'staff-export', 'staff')));

      expect(result.statusCode).toBe(403);
    });

    test('other tenant facility is not found', async () => {
      const result = await handlers.createExport(exportEvent({}, operatorClaims('tenant-export-other', 'owner-other', 'owner')));

      expect(result.statusCode).toBe(404);
      expect(json(result).error.field).toBe('facilityId');
    });

    test('unknown export is not found', async () => {
      const result = await handlers.getExport(apiEvent({ claims: owner, pathParameters: { exportId: randomUUID() } }));

      expect(result.statusCode).toBe(404);
    });
  });

  describe('list filters', () => {
    test('nationality filter pages through matches', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const query: Record<string, string> = { facilityId, nationality: 'KR', limit: '7' };
        if (cursor) query.cursor = cursor;
        const result = await handlers.list(apiEvent({ claims: owner, queryStringParameters: query }));
        expect(result.statusCode).toBe(200);
        const body = json(result);
        expect(body.entries.length).toBeLessThanOrEqual(7);
        for (const entry of body.entries) {
          expect(entry.guests.some((guest: any) => guest.nationality === 'KR')).toBe(true);
          seen.push(entry.entryId);
        }
        cursor = body.nextCursor;
      } while (cursor);

      expect(seen).toHaveLength(Math.ceil(entryCount / 10));
      expect(new Set(seen).size).toBe(seen.length);
    });

    test('resident filter keeps stays with residents', async () => {
      const result = await handlers.list(
        apiEvent({ claims: owner, queryStringParameters: { facilityId, nationality: 'resident', from: '2026-01-01', to: '2026-01-05' } }),
      );

      expect(json(result).entries.map((entry: any) => entry.arrivalDate)).toEqual(['2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
    });

    test('list flags long stays', async () => {
      const result = await handlers.list(apiEvent({ claims: owner, queryStringParameters: { facilityId, from: '2026-01-01', to: '2026-01-02' } }));

      expect(json(result).entries.map((entry: any) => [entry.arrivalDate, entry.longStay])).toEqual([
        ['2026-01-01', true],
        ['2026-01-02', false],
      ]);
    });

    test('invalid nationality names the field', async () => {
      const result = await handlers.list(apiEvent({ claims: owner, queryStringParameters: { facilityId, nationality: 'korea' } }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('nationality');
    });
  });

  test('no guest data in logs', () => {
    for (const secret of [...inventedGuestStrings, formulaGuest.name]) {
      expect(output.text()).not.toContain(secret);
    }
  });
});
