import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

/**
 * Bad path, query and body values on the report, register, device, facility, office and
 * image-upload routes: each 400 names the field by its label in Japanese and English, never
 * echoes the value, and leaves what is stored as it was.
 */

const tenantId = 'tenant-labels';
const ownerId = 'owner-labels';
const facilityId = 'facility-labels';
const deviceId = 'device-labels';
const kioskUsername = 'kiosk-labels';
const owner = operatorClaims(tenantId, ownerId, 'owner');
const kioskClaims = {
  sub: kioskUsername,
  'cognito:username': kioskUsername,
  'cognito:groups': '[kiosk]',
  'custom:tenantId': tenantId,
  'custom:facilityId': facilityId,
};
// An invented guest's name, sent where an id belongs, to check that no message repeats a value.
const inventedName = 'Hanako-Kasou-Tanaka-Sample-Guest-2026';

type Handler = (event: ReturnType<typeof apiEvent>) => Promise<APIGatewayProxyStructuredResultV2>;

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

function loadHandler(modulePath: string): Handler {
  return (require(modulePath) as { handler: Handler }).handler;
}

/**
 * Asserts a 400 that names `field` with `message`, as the error and among its field errors. A
 * check after parsing (a period's order) sends no `fields`, and admin-web then uses the error.
 */
function expectLabelledError(result: APIGatewayProxyStructuredResultV2, field: string, message: string): void {
  expect(result.statusCode).toBe(400);
  const { error } = json(result);
  expect(error.code).toBe('invalid_request');
  expect(error.field).toBe(field);
  expect(error.message).toBe(message);
  expect(error.fields ?? [{ field: error.field, message: error.message }]).toContainEqual({ field, message });
}

describe('labelled field errors', () => {
  let emulators: HandlerEmulators;
  let output: ReturnType<typeof captureOutput>;
  let repositories: {
    facilities: import('../../lambdas/facility/facility-repository').FacilityRepository;
    devices: import('../../lambdas/device/device-repository').DeviceRepository;
    reportStatuses: import('../../lambdas/reports/periodic-report-status').PeriodicReportStatusRepository;
    audit: import('../../lambdas/guest-register/audit-log').AuditLog;
  };

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    output = captureOutput();

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    const { PeriodicReportStatusRepository } = require('../../lambdas/reports/periodic-report-status') as typeof import('../../lambdas/reports/periodic-report-status');
    const { AuditLog } = require('../../lambdas/guest-register/audit-log') as typeof import('../../lambdas/guest-register/audit-log');
    repositories = {
      facilities: new FacilityRepository(documentClient, 'Directory'),
      devices: new DeviceRepository(documentClient, 'Directory'),
      reportStatuses: new PeriodicReportStatusRepository(documentClient, 'Register'),
      audit: new AuditLog(documentClient, 'Audit'),
    };

    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: 'ラベル検証株式会社', contactEmail: 'labels@example.invalid' });
    await tenants.putOperatorUser({ tenantId, userId: ownerId, email: 'owner-labels@example.invalid', role: 'owner' });
    await repositories.facilities.createFacility({
      tenantId,
      facilityId,
      name: 'ラベルハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M130000077',
      address: '架空県架空市2-2',
      officeId: 'office-labels',
    });
    await repositories.devices.createDevice({
      tenantId,
      facilityId,
      deviceId,
      cognitoUsername: kioskUsername,
      name: '玄関の iPad',
      status: 'active',
      pairedAt: '2026-04-01T00:00:00.000Z',
    });
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    await emulators?.stop();
  });

  describe('reports', () => {
    test('period filter with odd month', async () => {
      const list = loadHandler('../../lambdas/reports/list-periodic-reports');

      const result = await list(apiEvent({ claims: owner, queryStringParameters: { from: '2026-13' } }));

      expectLabelledError(
        result,
        'from',
        '報告期間（から）: 偶数月の YYYY-MM (02, 04, … 12) で指定してください / reporting period (from): must be YYYY-MM with an even month (02, 04, … 12)',
      );
    });

    test('export without period', async () => {
      const exportFile = loadHandler('../../lambdas/reports/export-periodic-reports');

      const result = await exportFile(apiEvent({ claims: owner, queryStringParameters: {} }));

      expectLabelledError(result, 'periodId', '報告期間: 必須です / reporting period: required');
    });

    test('unknown status keeps stored status', async () => {
      const updateStatus = loadHandler('../../lambdas/reports/update-periodic-report-status');
      const statusEvent = (body: unknown) =>
        apiEvent({ claims: owner, pathParameters: { facilityId, periodId: '2026-06' }, body });
      expect((await updateStatus(statusEvent({ status: 'submitted' }))).statusCode).toBe(200);

      const result = await updateStatus(statusEvent({ status: 'filed' }));

      expectLabelledError(
        result,
        'status',
        '提出状況: submitted (提出済) か not-submitted (未提出) です / submission status: must be submitted or not-submitted',
      );
      await expect(repositories.reportStatuses.getStatus(tenantId, facilityId, '2026-06')).resolves.toBe('submitted');
    });
  });

  describe('guest register', () => {
    test('arrival date not in calendar', async () => {
      const list = loadHandler('../../lambdas/guest-register/list-register-entries');

      const result = await list(apiEvent({ claims: owner, queryStringParameters: { facilityId, from: '2026-02-30' } }));

      expectLabelledError(result, 'from', '到着日（から）: YYYY-MM-DD の日付で指定してください / arrival date (from): not a YYYY-MM-DD date');
    });

    test('unknown purpose writes no audit record', async () => {
      const getEntry = loadHandler('../../lambdas/guest-register/get-register-entry');

      const result = await getEntry(
        apiEvent({ claims: owner, pathParameters: { entryId: 'entry-labels' }, queryStringParameters: { purpose: 'edit' } }),
      );

      expectLabelledError(result, 'purpose', '利用目的: view・print のいずれかです / purpose: must be one of view, print');
      const audit = await repositories.audit.list({ tenantId, from: '0000-01-01', to: '9999-12-31', limit: 10 });
      expect(audit.records).toEqual([]);
    });

    test('audit period start after end', async () => {
      const listAudit = loadHandler('../../lambdas/guest-register/list-audit-records');

      const result = await listAudit(apiEvent({ claims: owner, queryStringParameters: { from: '2026-05-02', to: '2026-05-01' } }));

      expectLabelledError(result, 'from', '期間（から）: 期間（まで）以前にしてください / period (from): must not be after the period (to)');
    });
  });

  describe('facility', () => {
    test('overlong id keeps facility unchanged', async () => {
      const update = loadHandler('../../lambdas/facility/update-facility');
      const before = await repositories.facilities.getFacility(tenantId, facilityId);

      const result = await update(apiEvent({ claims: owner, pathParameters: { facilityId: inventedName.repeat(2) }, body: { name: '別名' } }));

      expectLabelledError(result, 'facilityId', '施設 ID: 64 文字以内で指定してください / facility ID: must be at most 64 characters');
      expect(result.body).not.toContain(inventedName);
      await expect(repositories.facilities.getFacility(tenantId, facilityId)).resolves.toEqual(before);
    });
  });

  describe('devices', () => {
    test('short pairing code pairs nothing', async () => {
      const pair = loadHandler('../../lambdas/device/pair-device');

      const result = await pair(apiEvent({ body: { pairingCode: 'ab' } }));

      expectLabelledError(result, 'pairingCode', 'ペアリングコード: 4 文字以上で指定してください / pairing code: must be at least 4 characters');
      const devices = await repositories.devices.listFacilityDevices(tenantId, facilityId);
      expect(devices.map((device) => device.deviceId)).toEqual([deviceId]);
    });

    test('overlong pairing code not echoed', async () => {
      const pair = loadHandler('../../lambdas/device/pair-device');

      const result = await pair(apiEvent({ body: { pairingCode: inventedName } }));

      expectLabelledError(result, 'pairingCode', 'ペアリングコード: 32 文字以内で指定してください / pairing code: must be at most 32 characters');
      expect(result.body).not.toContain(inventedName);
      expect(output.text()).not.toContain(inventedName);
    });

    test('negative unsent count records no heartbeat', async () => {
      const heartbeat = loadHandler('../../lambdas/device/report-heartbeat');

      const result = await heartbeat(apiEvent({ claims: kioskClaims, body: { appVersion: '1.4.0', pendingCount: -1 } }));

      expectLabelledError(result, 'pendingCount', '未送信のチェックイン数: 0 以上で指定してください / unsent check-in count: must be at least 0');
      const device = await repositories.devices.getDevice(tenantId, deviceId);
      expect(device?.lastSeenAt).toBeUndefined();
      expect(device?.appVersion).toBeUndefined();
    });

    test('empty device name keeps name', async () => {
      const rename = loadHandler('../../lambdas/device/rename-device');

      const result = await rename(apiEvent({ claims: owner, pathParameters: { deviceId }, body: { name: ' ' } }));

      expectLabelledError(result, 'name', '端末名: 必須です / device name: required');
      await expect(repositories.devices.getDevice(tenantId, deviceId)).resolves.toMatchObject({ name: '玄関の iPad' });
    });

    test('overlong device id on revoke', async () => {
      const revoke = loadHandler('../../lambdas/device/revoke-device');

      const result = await revoke(apiEvent({ claims: owner, pathParameters: { deviceId: 'd'.repeat(65) } }));

      expectLabelledError(result, 'deviceId', '端末 ID: 64 文字以内で指定してください / device ID: must be at most 64 characters');
      await expect(repositories.devices.getDevice(tenantId, deviceId)).resolves.toMatchObject({ status: 'active' });
    });

    test('image id with spaces not echoed', async () => {
      const upload = loadHandler('../../lambdas/check-in/create-image-upload');
      const imageId = `${inventedName} passport`;

      const result = await upload(apiEvent({ claims: kioskClaims, pathParameters: { checkInId: 'check-in-labels' }, body: { imageId } }));

      expectLabelledError(result, 'imageId', '画像 ID: 英数字とハイフンで 64 文字以内です / image ID: must be at most 64 letters, digits and hyphens');
      expect(result.body).not.toContain(inventedName);
    });
  });

  describe('control and bidirectional characters', () => {
    const forbiddenMessage = (ja: string, en: string) =>
      `${ja}: 制御文字または文字の向きを変える文字を含んでいます / ${en}: contains a control or bidirectional formatting character`;
    const facilityBody = {
      name: 'ラベルハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M130000077',
      postalCode: '100-0001',
      prefecture: '東京都',
      city: '架空市',
      street: '2-2',
      capacity: 4,
      officeId: 'office-labels',
    };

    test('device name with bell keeps name', async () => {
      const rename = loadHandler('../../lambdas/device/rename-device');

      const result = await rename(apiEvent({ claims: owner, pathParameters: { deviceId }, body: { name: 'a\u0007b' } }));

      expectLabelledError(result, 'name', forbiddenMessage('端末名', 'device name'));
      await expect(repositories.devices.getDevice(tenantId, deviceId)).resolves.toMatchObject({ name: '玄関の iPad' });
    });

    test('office name with override creates nothing', async () => {
      const createOffice = loadHandler('../../lambdas/organisation/create-office');
      const listOffices = loadHandler('../../lambdas/organisation/list-offices');

      const result = await createOffice(apiEvent({ claims: owner, body: { name: '\u202e逆' } }));

      expectLabelledError(result, 'name', forbiddenMessage('拠点名', 'office name'));
      expect(json(await listOffices(apiEvent({ claims: owner }))).offices).toEqual([]);
    });

    test('office rename with isolate', async () => {
      const renameOffice = loadHandler('../../lambdas/organisation/rename-office');

      const result = await renameOffice(apiEvent({ claims: owner, pathParameters: { officeId: 'office-labels' }, body: { name: '東\u2066拠点' } }));

      expectLabelledError(result, 'name', forbiddenMessage('拠点名', 'office name'));
    });

    test.each([
      ['name', { name: 'ラベル\u202dハウス' }, '施設名', 'facility name'],
      ['street', { street: '2-2\u0000' }, '番地', 'street address'],
      ['building', { building: 'ビル\u2028101' }, '建物名', 'building and room'],
      ['houseRules.ja', { houseRules: { ja: '禁煙\tです' } }, 'ハウスルール（日本語）', 'house rules (Japanese)'],
      ['houseRules.en', { houseRules: { en: 'No smoking\rQuiet after 22:00' } }, 'ハウスルール（英語）', 'house rules (English)'],
    ])('facility %s rejected unchanged', async (field, change, ja, en) => {
      const update = loadHandler('../../lambdas/facility/update-facility');
      const before = await repositories.facilities.getFacility(tenantId, facilityId);

      const result = await update(apiEvent({ claims: owner, pathParameters: { facilityId }, body: { ...facilityBody, ...change, revision: before?.revision ?? 0 } }));

      expectLabelledError(result, field, forbiddenMessage(ja, en));
      await expect(repositories.facilities.getFacility(tenantId, facilityId)).resolves.toEqual(before);
    });

    test('house rules keep line breaks', async () => {
      const update = loadHandler('../../lambdas/facility/update-facility');
      const houseRules = { ja: '禁煙です。\n22 時以降はお静かに。', en: 'No smoking.\r\nQuiet after 22:00.' };
      const revision = (await repositories.facilities.getFacility(tenantId, facilityId))?.revision ?? 0;

      const result = await update(apiEvent({ claims: owner, pathParameters: { facilityId }, body: { ...facilityBody, houseRules, revision } }));

      expect(result.statusCode).toBe(200);
      await expect(repositories.facilities.getFacility(tenantId, facilityId)).resolves.toMatchObject({ houseRules });
    });
  });
});
