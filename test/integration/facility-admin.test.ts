import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, operatorClaims } from './support/api-events';
import { startTestUserPool, type TestUserPool } from './support/cognito-pool';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

type Handler = typeof import('../../lambdas/facility/create-facility').handler;

const tenantId = 'tenant-facility-admin';
const otherTenantId = 'tenant-facility-admin-other';

/** Invented users of the tenant; none of them is a real person. */
const users = {
  owner: { userId: 'owner-1', role: 'owner', officeIds: [] as string[] },
  managerNorth: { userId: 'manager-north', role: 'manager', officeIds: ['office-north'] },
  staffNorth: { userId: 'staff-north', role: 'staff', officeIds: ['office-north'] },
  staffSouth: { userId: 'staff-south', role: 'staff', officeIds: ['office-south'] },
  disabledManager: { userId: 'manager-disabled', role: 'manager', officeIds: ['office-north'], status: 'disabled' },
  otherOwner: { userId: 'owner-other', role: 'owner', officeIds: [] as string[] },
} as const;

function claimsOf(user: keyof typeof users): Record<string, string> {
  const { userId, role } = users[user];
  return operatorClaims(user === 'otherOwner' ? otherTenantId : tenantId, userId, role);
}

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

/** A valid body; the postal code and licence number are typed full-width, as spreadsheets often hold them. */
function facilityBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '架空荘 北一番館',
    licenceType: 'private-lodging',
    licenceNumber: 'Ｍ１３００００００１',
    postalCode: '１１１００３２',
    prefecture: '東京都',
    city: '台東区',
    street: '架空1-2-3',
    building: '架空ビル 101',
    capacity: 4,
    officeId: 'office-north',
    houseRules: { ja: '22時以降はお静かに。', en: 'Quiet after 10 pm.' },
    entryCode: '1234#',
    localDayLimit: 120,
    notificationDate: '2024/4/1',
    ...overrides,
  };
}

describe('facility administration', () => {
  let emulators: HandlerEmulators;
  let userPool: TestUserPool;
  let create: Handler;
  let update: Handler;
  let archive: Handler;
  let getOne: Handler;
  let list: Handler;
  let auditRecords: () => Promise<Record<string, any>[]>;
  let setRole: (user: keyof typeof users, role: string) => Promise<void>;

  beforeAll(async () => {
    // Archiving revokes the facility's kiosks, which disables their Cognito users.
    [emulators, userPool] = await Promise.all([startHandlerEmulators(), startTestUserPool()]);
    Object.assign(process.env, emulators.environment, {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: userPool.endpoint,
      USER_POOL_ID: userPool.userPoolId,
    });

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { QueryCommand } = require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { OfficeRepository } = require('../../lambdas/organisation/office-repository') as typeof import('../../lambdas/organisation/office-repository');
    const tenants = new TenantRepository(documentClient, 'Directory');
    const offices = new OfficeRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '架空民泊株式会社', contactEmail: 'facility-admin@example.invalid' });
    await tenants.createTenant({ tenantId: otherTenantId, name: '他社架空民泊', contactEmail: 'other@example.invalid' });
    await offices.createOffice({ tenantId, officeId: 'office-north', name: '北拠点' });
    await offices.createOffice({ tenantId, officeId: 'office-south', name: '南拠点' });
    await offices.createOffice({ tenantId: otherTenantId, officeId: 'office-other', name: '他社拠点' });
    for (const [key, user] of Object.entries(users)) {
      await tenants.putOperatorUser({
        tenantId: key === 'otherOwner' ? otherTenantId : tenantId,
        email: `${user.userId}@example.invalid`,
        ...user,
      } as Parameters<typeof tenants.putOperatorUser>[0]);
    }
    auditRecords = async () => {
      const result = await documentClient.send(
        new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
      );
      return result.Items ?? [];
    };
    setRole = async (user, role) => {
      const current = await tenants.getOperatorUser(tenantId, users[user].userId);
      await tenants.updateOperatorUser(current!, { role: role as 'owner' | 'manager' | 'staff' });
    };

    create = require('../../lambdas/facility/create-facility').handler;
    update = require('../../lambdas/facility/update-facility').handler;
    archive = require('../../lambdas/facility/archive-facility').handler;
    getOne = require('../../lambdas/facility/get-facility').handler;
    list = require('../../lambdas/facility/list-facilities').handler;
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    await Promise.all([emulators?.stop(), userPool?.stop()]);
  });

  async function createAs(user: keyof typeof users, body: Record<string, unknown>) {
    return create(apiEvent({ claims: claimsOf(user), body }));
  }

  /** Sends an edit with the revision the facility has now, as the edit form does after loading it. */
  async function editAs(user: keyof typeof users, facilityId: string, body: Record<string, unknown>) {
    const { revision } = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
    return update(apiEvent({ claims: claimsOf(user), pathParameters: { facilityId }, body: { ...body, revision } }));
  }

  async function listIds(user: keyof typeof users): Promise<string[]> {
    const result = await list(apiEvent({ claims: claimsOf(user) }));
    expect(result.statusCode).toBe(200);
    return json(result).facilities.map((facility: { facilityId: string }) => facility.facilityId);
  }

  describe('create', () => {
    test('stores normalised fields', async () => {
      const result = await createAs('owner', facilityBody());

      expect(result.statusCode).toBe(201);
      const { facility } = json(result);
      expect(facility).toMatchObject({
        name: '架空荘 北一番館',
        licenceNumber: 'M130000001',
        postalAddress: { postalCode: '111-0032', prefecture: '東京都', city: '台東区', street: '架空1-2-3', building: '架空ビル 101' },
        address: '〒111-0032 東京都台東区架空1-2-3 架空ビル 101',
        capacity: 4,
        officeId: 'office-north',
        houseRules: { ja: '22時以降はお静かに。', en: 'Quiet after 10 pm.' },
        entryCode: '1234#',
        localDayLimit: 120,
        notificationDate: '2024-04-01',
        status: 'active',
      });
      const stored = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId: facility.facilityId } })));
      expect(stored.facility).toEqual(facility);
    });

    test('writes an audit record', async () => {
      const result = await createAs('owner', facilityBody({ licenceNumber: 'M130000002' }));
      const { facilityId } = json(result).facility;

      const record = (await auditRecords()).find((item) => item.targetIds?.includes(facilityId));
      expect(record).toMatchObject({ category: 'admin-change', action: 'facility.create', userId: 'owner-1', targetType: 'facility' });
      expect(record?.changedFields).toContain('entryCode');
      expect(JSON.stringify(record)).not.toContain('1234#');
    });

    test('reports every invalid field', async () => {
      const before = await listIds('owner');

      const result = await createAs('owner', facilityBody({ name: ' ', postalCode: '12-345', prefecture: '東京', capacity: 0 }));

      expect(result.statusCode).toBe(400);
      const { error } = json(result);
      expect(error.code).toBe('invalid_request');
      expect(error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['capacity', 'name', 'postalCode', 'prefecture']);
      expect(error.message).toBe('施設名: 必須です / facility name: required');
      expect(error.fields.find((field: { field: string }) => field.field === 'postalCode').message).toMatch(/^郵便番号: 7 桁の数字/);
      expect(await listIds('owner')).toEqual(before);
    });

    test('rejects a malformed 届出番号', async () => {
      const result = await createAs('owner', facilityBody({ licenceNumber: '13-0001' }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('licenceNumber');
    });

    test('over-long licence number has one message', async () => {
      const result = await createAs('owner', facilityBody({ licenceNumber: `M${'1'.repeat(70)}` }));

      expect(result.statusCode).toBe(400);
      const { error } = json(result);
      expect(error.field).toBe('licenceNumber');
      expect(error.message).toBe(
        '届出番号・許可番号: 64 文字以内で指定してください / notification or licence number: must be at most 64 characters',
      );
      expect(error.fields.filter((field: { field: string }) => field.field === 'licenceNumber')).toEqual([
        { field: 'licenceNumber', message: error.message },
      ]);
    });

    test.each([
      [{ licenceNumber: '13-0001' }, '届出番号・許可番号: 住宅宿泊事業の届出番号は M と 9 桁の数字です', 'notification or licence number: a private-lodging'],
      [{ capacity: 0 }, '定員: 1 以上で指定してください', 'capacity: must be at least 1'],
      [{ localDayLimit: '90日' }, '年間営業日数の上限（条例）: 数字で入力してください', 'yearly day limit (local ordinance): must be a number'],
      [{ name: 'あ'.repeat(101) }, '施設名: 100 文字以内で指定してください', 'facility name: must be at most 100 characters'],
      [{ houseRules: { fr: 'Silence.' } }, 'ハウスルール: 不明な項目があります (fr)', 'house rules: unknown fields fr'],
      [{ unexpected: 1 }, 'リクエスト本文: 不明な項目があります (unexpected)', 'request body: unknown fields unexpected'],
      [{ notificationDate: '2025-02-29' }, '届出日: 日付（例: 2024-04-01）で入力してください', 'notification date: must be a date such as 2024-04-01'],
      [{ notificationDate: '2018-03-14' }, '届出日: 届出の受付開始日 2018-03-15 以降', 'notification date: must be on or after 2018-03-15'],
      [{ notificationDate: '2999-01-01' }, '届出日: 今日以前の日付にしてください', 'notification date: must not be in the future'],
    ])('400 for %j names the field in both languages', async (overrides, japanese, english) => {
      const result = await createAs('owner', facilityBody(overrides));

      expect(result.statusCode).toBe(400);
      const [ja, en, ...rest] = json(result).error.message.split(' / ');
      expect(rest).toEqual([]);
      expect(ja.startsWith(japanese)).toBe(true);
      expect(en.startsWith(english)).toBe(true);
    });

    test('accepts a free-form 許可番号 for 旅館業', async () => {
      const result = await createAs('owner', facilityBody({ licenceType: 'simple-lodging', licenceNumber: '架空保健所指令第12号', localDayLimit: '' }));

      expect(result.statusCode).toBe(201);
      expect(json(result).facility.localDayLimit).toBeNull();
    });

    test('rejects a day limit outside 住宅宿泊事業', async () => {
      const result = await createAs('owner', facilityBody({ licenceType: 'ryokan-hotel', licenceNumber: '架空指令第13号', localDayLimit: 90 }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('localDayLimit');
    });

    test('rejects a duplicate licence number', async () => {
      await createAs('owner', facilityBody({ licenceNumber: 'M130000003' }));
      const before = await listIds('owner');

      const result = await createAs('owner', facilityBody({ name: '別の名前', licenceNumber: 'M130000003' }));

      expect(result.statusCode).toBe(409);
      expect(json(result).error.field).toBe('licenceNumber');
      expect(await listIds('owner')).toEqual(before);
    });

    test('rejects an unknown office', async () => {
      const result = await createAs('owner', facilityBody({ licenceNumber: 'M130000004', officeId: 'office-missing' }));

      expect(result.statusCode).toBe(404);
      expect(json(result).error.field).toBe('officeId');
      expect(json(result).error.message).toBe('拠点: 指定の拠点が見つかりません / office: office not found');
    });

    test('rejects another tenant office', async () => {
      const result = await createAs('owner', facilityBody({ licenceNumber: 'M130000005', officeId: 'office-other' }));

      expect(result.statusCode).toBe(404);
    });

    test('manager creates in own office', async () => {
      const result = await createAs('managerNorth', facilityBody({ licenceNumber: 'M130000006' }));

      expect(result.statusCode).toBe(201);
    });

    test('manager cannot use other office', async () => {
      const result = await createAs('managerNorth', facilityBody({ licenceNumber: 'M130000007', officeId: 'office-south' }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error.field).toBe('officeId');
    });

    test('staff cannot create', async () => {
      const result = await createAs('staffNorth', facilityBody({ licenceNumber: 'M130000008' }));

      expect(result.statusCode).toBe(403);
    });

    test('disabled user rejected', async () => {
      const result = await createAs('disabledManager', facilityBody({ licenceNumber: 'M130000009' }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error.message).toMatch(/^このアカウントは無効にされています/);
    });

    test('role change applies at once', async () => {
      await setRole('staffSouth', 'manager');
      try {
        const result = await createAs('staffSouth', facilityBody({ licenceNumber: 'M130000010', officeId: 'office-south' }));
        expect(result.statusCode).toBe(201);
      } finally {
        await setRole('staffSouth', 'staff');
      }
      const again = await createAs('staffSouth', facilityBody({ licenceNumber: 'M130000011', officeId: 'office-south' }));
      expect(again.statusCode).toBe(403);
    });
  });

  describe('office scope', () => {
    let northId: string;
    let southId: string;

    beforeAll(async () => {
      northId = json(await createAs('owner', facilityBody({ name: 'スコープ北', licenceNumber: 'M130000020' }))).facility.facilityId;
      southId = json(await createAs('owner', facilityBody({ name: 'スコープ南', licenceNumber: 'M130000021', officeId: 'office-south' }))).facility.facilityId;
    });

    test('staff lists own office only', async () => {
      const ids = await listIds('staffSouth');

      expect(ids).toContain(southId);
      expect(ids).not.toContain(northId);
    });

    test('owner lists every office', async () => {
      const ids = await listIds('owner');

      expect(ids).toEqual(expect.arrayContaining([northId, southId]));
    });

    test('other office facility is 404', async () => {
      const result = await getOne(apiEvent({ claims: claimsOf('staffSouth'), pathParameters: { facilityId: northId } }));

      expect(result.statusCode).toBe(404);
      expect(result.body).not.toContain('スコープ北');
    });

    test('other tenant owner gets 404', async () => {
      const result = await getOne(apiEvent({ claims: claimsOf('otherOwner'), pathParameters: { facilityId: northId } }));

      expect(result.statusCode).toBe(404);
      expect(await listIds('otherOwner')).toEqual([]);
    });
  });

  describe('update and archive', () => {
    let facilityId: string;

    beforeAll(async () => {
      facilityId = json(await createAs('owner', facilityBody({ name: '編集前', licenceNumber: 'M130000030' }))).facility.facilityId;
    });

    test('manager edits and audit names fields', async () => {
      const result = await editAs('managerNorth', facilityId, facilityBody({ name: '編集後', licenceNumber: 'M130000030', capacity: 6 }));

      expect(result.statusCode).toBe(200);
      expect(json(result).facility).toMatchObject({ name: '編集後', capacity: 6 });
      const record = (await auditRecords()).find((item) => item.action === 'facility.update' && item.targetIds.includes(facilityId));
      expect(record?.changedFields).toEqual(['capacity', 'name']);
    });

    test('new licence number frees old one', async () => {
      const changed = await editAs('owner', facilityId, facilityBody({ name: '編集後', licenceNumber: 'M130000031' }));
      expect(changed.statusCode).toBe(200);

      const reuse = await createAs('owner', facilityBody({ licenceNumber: 'M130000030' }));
      expect(reuse.statusCode).toBe(201);
      const clash = await editAs('owner', facilityId, facilityBody({ licenceNumber: 'M130000030' }));
      expect(clash.statusCode).toBe(409);
    });

    test('invalid edit keeps stored facility', async () => {
      const before = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;

      const result = await editAs('owner', facilityId, facilityBody({ capacity: 'many' }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('capacity');
      expect(json(result).error.message).toBe('定員: 数字で入力してください / capacity: must be a number');
      const after = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
      expect(after).toEqual(before);
    });

    test('bad 届出日 keeps stored facility', async () => {
      const before = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
      const auditCount = (await auditRecords()).length;

      const result = await editAs('owner', facilityId, facilityBody({ name: '変更されない名前', notificationDate: '2024-04-31' }));

      expect(result.statusCode).toBe(400);
      const { error } = json(result);
      expect(error.field).toBe('notificationDate');
      expect(error.message).toBe('届出日: 日付（例: 2024-04-01）で入力してください / notification date: must be a date such as 2024-04-01');
      expect(error.fields.map((field: { field: string }) => field.field)).toEqual(['notificationDate']);
      const after = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
      expect(after).toEqual(before);
      expect(after.notificationDate).toBe('2024-04-01');
      expect(await auditRecords()).toHaveLength(auditCount);
    });

    test('edit changes and clears 届出日', async () => {
      const current = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
      const body = (notificationDate: string) => facilityBody({ name: current.name, licenceNumber: current.licenceNumber, notificationDate });

      const changed = await editAs('owner', facilityId, body('2025-10-01'));
      expect(changed.statusCode).toBe(200);
      expect(json(changed).facility.notificationDate).toBe('2025-10-01');
      const updates = (await auditRecords()).filter((item) => item.action === 'facility.update' && item.targetIds.includes(facilityId));
      expect(updates.some((item) => item.changedFields.includes('notificationDate'))).toBe(true);

      const cleared = await editAs('owner', facilityId, body(''));
      expect(cleared.statusCode).toBe(200);
      expect(json(cleared).facility.notificationDate).toBeNull();
      const stored = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
      expect(stored.notificationDate).toBeNull();
    });

    test('stale revision gets 409', async () => {
      const read = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
      const form = facilityBody({ name: read.name, licenceNumber: read.licenceNumber, notificationDate: read.notificationDate ?? '', revision: read.revision });
      const first = await update(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId }, body: { ...form, entryCode: '9999' } }));
      expect(first.statusCode).toBe(200);
      expect(json(first).facility.revision).toBe(read.revision + 1);
      const auditCount = (await auditRecords()).length;

      const second = await update(
        apiEvent({ claims: claimsOf('managerNorth'), pathParameters: { facilityId }, body: { ...form, houseRules: { ja: '土足厳禁です。' } } }),
      );

      expect(second.statusCode).toBe(409);
      const { error } = json(second);
      expect(error.field).toBe('revision');
      expect(error.message).toContain('再読み込み');
      expect(error.message).toContain('reload the page');
      const stored = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
      expect(stored.entryCode).toBe('9999');
      expect(stored.houseRules.ja).toBe('22時以降はお静かに。');
      expect(stored.revision).toBe(read.revision + 1);
      expect(await auditRecords()).toHaveLength(auditCount);
    });

    test.each([
      ['missing', undefined, '施設情報の版: 必須です / facility revision: required'],
      ['text', '3', '施設情報の版: 数値で指定してください / facility revision: expected a number'],
      ['negative', -1, undefined],
      ['fractional', 1.5, undefined],
    ])('%s revision gets 400', async (_case, revision, message) => {
      const before = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;

      const result = await update(
        apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId }, body: facilityBody({ licenceNumber: before.licenceNumber, name: '保存されない名前', revision }) }),
      );

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('revision');
      if (message) expect(json(result).error.message).toBe(message);
      const after = json(await getOne(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }))).facility;
      expect(after).toEqual(before);
    });

    test('concurrent write loses to first', async () => {
      const { FacilityRepository, StaleFacilityError } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
      const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
      const repository = new FacilityRepository(documentClient, 'Directory');
      const read = (await repository.getFacility(tenantId, facilityId))!;
      await repository.updateFacility(read, { ...read, entryCode: '5555' });

      await expect(repository.updateFacility(read, { ...read, entryCode: '0000' })).rejects.toBeInstanceOf(StaleFacilityError);
      await expect(repository.archiveFacility(read)).rejects.toBeInstanceOf(StaleFacilityError);
      const stored = (await repository.getFacility(tenantId, facilityId))!;
      expect(stored.entryCode).toBe('5555');
      expect(stored.status).toBe('active');
      expect(stored.revision).toBe((read.revision ?? 0) + 1);
    });

    test('manager cannot move to other office', async () => {
      const result = await editAs('managerNorth', facilityId, facilityBody({ licenceNumber: 'M130000031', officeId: 'office-south' }));

      expect(result.statusCode).toBe(403);
    });

    test('staff cannot edit', async () => {
      const result = await editAs('staffNorth', facilityId, facilityBody());

      expect(result.statusCode).toBe(403);
    });

    test('archive keeps facility listed', async () => {
      const result = await archive(apiEvent({ claims: claimsOf('managerNorth'), pathParameters: { facilityId } }));

      expect(result.statusCode).toBe(200);
      expect(json(result).facility).toMatchObject({ status: 'archived' });
      expect(json(result).facility.archivedAt).toEqual(expect.any(String));
      expect(json(result).facility.revision).toBeGreaterThan(0);
      expect(await listIds('owner')).toContain(facilityId);
      const again = await archive(apiEvent({ claims: claimsOf('owner'), pathParameters: { facilityId } }));
      expect(again.statusCode).toBe(409);
      const record = (await auditRecords()).find((item) => item.action === 'facility.archive' && item.targetIds.includes(facilityId));
      expect(record).toBeDefined();
    });

    test('staff cannot archive', async () => {
      const other = json(await createAs('owner', facilityBody({ licenceNumber: 'M130000032' }))).facility.facilityId;

      const result = await archive(apiEvent({ claims: claimsOf('staffNorth'), pathParameters: { facilityId: other } }));

      expect(result.statusCode).toBe(403);
    });
  });
});
