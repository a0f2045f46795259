import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { inventedPassportJpeg } from '../support/invented-passport-photo';
import { pdfText } from '../support/pdf-text';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { exportJobInsertEvent } from './support/export-job-events';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { inventedGuestStrings, inventedResident, inventedVisitor, storeRegisterEntry } from './support/register-fixtures';

type Handlers = {
  createPdf: typeof import('../../lambdas/guest-register/create-register-pdf-export').handler;
  getExport: typeof import('../../lambdas/guest-register/get-register-export').handler;
  runExport: typeof import('../../lambdas/guest-register/run-register-export').handler;
};

const tenantId = 'tenant-pdf';
const facilityId = 'facility-pdf';
const owner = operatorClaims(tenantId, 'owner-pdf', 'owner');
/** Staff granted the export but not PII: the PDF shows masked values and no passport copies. */
const exportingStaff = operatorClaims(tenantId, 'staff-pdf-export', 'staff');
const plainStaff = operatorClaims(tenantId, 'staff-pdf', 'staff');
/** Stays stored: more than one PDF export page of 25, each with a passport copy but the last. */
const entryCount = 27;

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

async function download(url: string): Promise<Buffer> {
  return Buffer.from(await (await fetch(url)).arrayBuffer());
}

describe('register PDF export', () => {
  let emulators: HandlerEmulators;
  let handlers: Handlers;
  let output: ReturnType<typeof captureOutput>;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    output = captureOutput();

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { kmsClient } = require('../../lambdas/aws/kms') as typeof import('../../lambdas/aws/kms');
    const { s3Client } = require('../../lambdas/aws/s3') as typeof import('../../lambdas/aws/s3');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { RegisterRepository } = require('../../lambdas/guest-register/register-repository') as typeof import('../../lambdas/guest-register/register-repository');
    const { TenantDataKeys } = require('../../lambdas/guest-pii/tenant-data-keys') as typeof import('../../lambdas/guest-pii/tenant-data-keys');
    const { TenantKeys } = require('../../lambdas/guest-pii/tenant-keys') as typeof import('../../lambdas/guest-pii/tenant-keys');

    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '印刷検証株式会社', contactEmail: 'pdf@example.invalid' });
    // Roles and grants come from the Directory record; the token's group is not trusted.
    await tenants.putOperatorUser({ tenantId, userId: 'owner-pdf', email: 'owner-pdf@example.invalid', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-pdf-export', email: 'staff-pdf-export@example.invalid', role: 'staff', grants: ['register:export'], officeIds: ['office-pdf'] });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-pdf', email: 'staff-pdf@example.invalid', role: 'staff', officeIds: ['office-pdf'] });
    await tenants.createTenant({ tenantId: 'tenant-pdf-other', name: '他社', contactEmail: 'other-pdf@example.invalid' });
    await tenants.putOperatorUser({ tenantId: 'tenant-pdf-other', userId: 'owner-pdf-other', email: 'owner-pdf-other@example.invalid', role: 'owner' });
    await new FacilityRepository(documentClient, 'Directory').createFacility({
      tenantId,
      facilityId,
      name: 'さしすハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M130000077',
      address: '架空県架空市7-7',
      officeId: 'office-pdf',
    });

    const deps = {
      register: new RegisterRepository(documentClient, 'Register'),
      dataKeys: new TenantDataKeys({ kms: kmsClient, documentClient, registerTable: 'Register', tenantKeys: new TenantKeys(kmsClient, { stage: 'test', aliasPrefix: process.env.TENANT_KEY_ALIAS_PREFIX! }) }),
      images: { s3: s3Client, bucket: process.env.IMAGES_BUCKET! },
    };
    const photo = inventedPassportJpeg(800, 600);
    for (let index = 0; index < entryCount; index += 1) {
      const arrivalDate = new Date(Date.UTC(2026, 2, 1 + index)).toISOString().slice(0, 10);
      // The last stay's passport image is damaged: it must print as a note, not stop the export.
      const passportPhoto = index === entryCount - 1 ? Buffer.from('not a JPEG') : photo;
      await storeRegisterEntry(deps, {
        tenantId,
        facilityId,
        arrivalDate,
        departureDate: new Date(Date.UTC(2026, 2, 2 + index)).toISOString().slice(0, 10),
        acceptedAt: `${arrivalDate}T16:00:00+09:00`,
        guests: [inventedResident, { ...inventedVisitor, passportPhoto }],
      });
    }

    handlers = {
      createPdf: (require('../../lambdas/guest-register/create-register-pdf-export') as typeof import('../../lambdas/guest-register/create-register-pdf-export')).handler,
      getExport: (require('../../lambdas/guest-register/get-register-export') as typeof import('../../lambdas/guest-register/get-register-export')).handler,
      runExport: (require('../../lambdas/guest-register/run-register-export') as typeof import('../../lambdas/guest-register/run-register-export')).handler,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    await emulators?.stop();
  });

  const pdfEvent = (body: Record<string, unknown>, claims = owner) =>
    apiEvent({ claims, body: { exportId: randomUUID(), facilityId, from: '2026-01-01', to: '2026-12-31', ...body } });

  /**
   * Requests a PDF export as `claims`, checks that it is queued, delivers the job's stream record
   * to the worker as the Register stream's mapping does, and returns the finished job's status.
   */
  async function exportPdf(body: Record<string, unknown>, claims = owner): Promise<any> {
    const queued = await handlers.createPdf(pdfEvent(body, claims));
    expect(queued.statusCode).toBe(202);
    const { exportId, status } = json(queued);
    expect(status).toBe('queued');

    await handlers.runExport(exportJobInsertEvent(tenantId, exportId));
    return json(await handlers.getExport(apiEvent({ claims: owner, pathParameters: { exportId } })));
  }

  async function auditRecordsOf(userId: string) {
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const audit = await documentClient.send(
      new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
    );
    return (audit.Items ?? []).filter((item) => item.userId === userId && item.resource === 'register-pdf');
  }

  describe('owner', () => {
    let exportId: string;
    let created: any;
    let pdf: Buffer;
    let text: { text: string; pages: number };

    beforeAll(async () => {
      exportId = randomUUID();
      created = await exportPdf({ exportId });
      pdf = await download(created.downloadUrl);
      text = await pdfText(pdf);
    }, 60_000);

    test('counts every stay and guest', () => {
      expect(created).toMatchObject({ exportId, format: 'pdf', status: 'done', disclosure: 'full', totalEntries: entryCount, rowCount: entryCount * 2 });
    });

    test('PDF has the reported pages', () => {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(text.pages).toBe(created.pageCount);
      expect(created.pageCount).toBeGreaterThan(1);
    });

    test('guest fields are decrypted', () => {
      expect(text.text).toContain(inventedResident.name);
      expect(text.text).toContain(inventedResident.address);
      expect(text.text).toContain(inventedVisitor.passportNumber);
      expect(text.text).toContain('さしすハウス（M130000077）');
    });

    test('passport copies are embedded', () => {
      expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(entryCount - 1);
    });

    test('damaged image prints a note', () => {
      expect(text.text).toContain('画像を読み込めません');
    });

    test('progress shows the finished job', async () => {
      const result = await handlers.getExport(apiEvent({ claims: owner, pathParameters: { exportId } }));

      expect(json(result)).toMatchObject({ status: 'done', totalEntries: entryCount, processedEntries: entryCount });
      expect(json(result).downloadUrl).toContain(`exports/${tenantId}/${exportId}.pdf`);
    });

    test('every printed stay is audited', async () => {
      const records = await auditRecordsOf('owner-pdf');

      expect(records).toHaveLength(Math.ceil(entryCount / 25));
      expect(records.every((record) => record.action === 'print' && record.disclosure === 'full')).toBe(true);
      expect(new Set(records.flatMap((record) => record.entryIds as string[])).size).toBe(entryCount);
    });
  });

  describe('staff with export grant', () => {
    let created: any;
    let pdf: Buffer;
    let text: string;

    beforeAll(async () => {
      created = await exportPdf({}, exportingStaff);
      pdf = await download(created.downloadUrl);
      text = (await pdfText(pdf)).text;
    }, 60_000);

    test('export is masked', () => {
      expect(created).toMatchObject({ status: 'done', disclosure: 'masked', totalEntries: entryCount });
      expect(text).toContain('個人情報は伏せ字です');
      expect(text).toContain('架空 ●●');
    });

    test('no PII in masked PDF', () => {
      expect(text).not.toContain(inventedResident.name);
      expect(text).not.toContain(inventedResident.address);
      expect(text).not.toContain(inventedVisitor.address);
      expect(text).not.toContain(inventedVisitor.passportNumber);
    });

    test('no passport copies', () => {
      expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
      expect(text).toContain('閲覧権限がないため表示しません');
    });

    test('audit says masked', async () => {
      const records = await auditRecordsOf('staff-pdf-export');

      expect(records.length).toBeGreaterThan(0);
      expect(records.every((record) => record.action === 'print' && record.disclosure === 'masked')).toBe(true);
    });
  });

  describe('access and validation', () => {
    test('staff without grant is forbidden', async () => {
      const result = await handlers.createPdf(pdfEvent({}, plainStaff));

      expect(result.statusCode).toBe(403);
      expect(await auditRecordsOf('staff-pdf')).toHaveLength(0);
    });

    test('other tenant facility is not found', async () => {
      const result = await handlers.createPdf(pdfEvent({}, operatorClaims('tenant-pdf-other', 'owner-pdf-other', 'owner')));

      expect(result.statusCode).toBe(404);
      expect(json(result).error.field).toBe('facilityId');
    });

    test.each([
      [{ from: '2022-01-01', to: '2026-12-31' }, 'to'],
      [{ from: '2026-12-31', to: '2026-01-01' }, 'from'],
      [{ exportId: 'not-a-uuid' }, 'exportId'],
    ])('invalid body %o names %s', async (body, field) => {
      const result = await handlers.createPdf(pdfEvent(body));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe(field);
    });

    test('unknown body field is rejected', async () => {
      const result = await handlers.createPdf(pdfEvent({ format: 'csv' }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.message).toContain('不明な項目があります (format)');
      expect(json(result).error.message).toContain('unknown fields format');
    });

    test('empty period gives one page', async () => {
      const body = await exportPdf({ from: '2025-01-01', to: '2025-01-31' });

      expect(body).toMatchObject({ status: 'done', totalEntries: 0, pageCount: 1 });
      expect((await pdfText(await download(body.downloadUrl))).text).toContain('この期間の宿泊者はいません');
    }, 30_000);
  });

  test('no guest data in logs', () => {
    for (const secret of inventedGuestStrings) {
      expect(output.text()).not.toContain(secret);
    }
  });
});
