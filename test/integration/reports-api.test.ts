import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import iconv from 'iconv-lite';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { inventedGuestStrings, inventedResident, inventedVisitor, storeRegisterEntry } from './support/register-fixtures';

type Handlers = {
  list: typeof import('../../lambdas/reports/list-periodic-reports').handler;
  updateStatus: typeof import('../../lambdas/reports/update-periodic-report-status').handler;
  exportFile: typeof import('../../lambdas/reports/export-periodic-reports').handler;
  annualDays: typeof import('../../lambdas/reports/get-annual-day-counts').handler;
};

const tenantId = 'tenant-reports';
const otherTenantId = 'tenant-reports-other';
const lodgingId = 'facility-minpaku';
const quietLodgingId = 'facility-minpaku-quiet';
const hotelId = 'facility-ryokan';
const operatorId = 'operator-reports';
// A second tenant keeps the 届出日 cases apart from the figures above.
const datedTenantId = 'tenant-reports-dated';
const datedLodgingId = 'facility-minpaku-dated';
const undatedLodgingId = 'facility-minpaku-undated';
// A third tenant has an entry whose check-out was stored before its arrival.
const inconsistentTenantId = 'tenant-reports-inconsistent';
const inconsistentLodgingId = 'facility-minpaku-inconsistent';

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

const owner = operatorClaims(tenantId, operatorId, 'owner');
const datedOwner = operatorClaims(datedTenantId, 'operator-dated', 'owner');
const inconsistentOwner = operatorClaims(inconsistentTenantId, 'operator-inconsistent', 'owner');

describe('periodic reports and 180-day counter', () => {
  let emulators: HandlerEmulators;
  let handlers: Handlers;
  let output: ReturnType<typeof captureOutput>;
  let capYear: number;
  let inconsistentEntryId: string;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    output = captureOutput();

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { UpdateCommand } = require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
    const { kmsClient } = require('../../lambdas/aws/kms') as typeof import('../../lambdas/aws/kms');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { RegisterRepository } = require('../../lambdas/guest-register/register-repository') as typeof import('../../lambdas/guest-register/register-repository');
    const { TenantDataKeys } = require('../../lambdas/guest-pii/tenant-data-keys') as typeof import('../../lambdas/guest-pii/tenant-data-keys');
    const { TenantKeys } = require('../../lambdas/guest-pii/tenant-keys') as typeof import('../../lambdas/guest-pii/tenant-keys');
    const { capYearAt } = require('../../lambdas/reports/annual-day-cap') as typeof import('../../lambdas/reports/annual-day-cap');

    const tenants = new TenantRepository(documentClient, 'Directory');
    const facilities = new FacilityRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '報告検証株式会社', contactEmail: 'reports@example.invalid' });
    await tenants.createTenant({ tenantId: otherTenantId, name: '他社株式会社', contactEmail: 'other@example.invalid' });
    // Roles come from the Directory record; the token's group is not trusted.
    await tenants.putOperatorUser({ tenantId, userId: operatorId, email: 'operator-reports@example.invalid', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: 'staff-1', email: 'staff-1@example.invalid', role: 'staff' });
    const base = { tenantId, address: '架空県架空市1-1' } as const;
    await facilities.createFacility({ ...base, facilityId: lodgingId, name: 'いろはハウス', licenceType: 'private-lodging', licenceNumber: 'M130000001' });
    await facilities.createFacility({ ...base, facilityId: quietLodgingId, name: 'うみハウス', licenceType: 'private-lodging', licenceNumber: 'M130000002' });
    await facilities.createFacility({ ...base, facilityId: hotelId, name: '架空旅館', licenceType: 'ryokan-hotel', licenceNumber: '指令第1号' });
    await facilities.createFacility({ ...base, tenantId: otherTenantId, facilityId: 'facility-other', name: '他社ハウス', licenceType: 'private-lodging', licenceNumber: 'M999' });
    await tenants.createTenant({ tenantId: datedTenantId, name: '届出日検証株式会社', contactEmail: 'dated@example.invalid' });
    await tenants.putOperatorUser({ tenantId: datedTenantId, userId: 'operator-dated', email: 'operator-dated@example.invalid', role: 'owner' });
    const dated = { tenantId: datedTenantId, address: '架空県架空市2-2', licenceType: 'private-lodging' } as const;
    // 届出日 inside the June–July period.
    await facilities.createFacility({ ...dated, facilityId: datedLodgingId, name: 'あおいハウス', licenceNumber: 'M130000011', notificationDate: '2026-07-10' });
    await facilities.createFacility({ ...dated, facilityId: undatedLodgingId, name: 'かえでハウス', licenceNumber: 'M130000012' });

    const deps = {
      register: new RegisterRepository(documentClient, 'Register'),
      dataKeys: new TenantDataKeys({ kms: kmsClient, documentClient, registerTable: 'Register', tenantKeys: new TenantKeys(kmsClient, { stage: 'test', aliasPrefix: process.env.TENANT_KEY_ALIAS_PREFIX! }) }),
    };
    // The statutory example: 17:00 on 6/20 to 10:00 (default check-out) on 6/24 counts 4 days.
    await storeRegisterEntry(deps, {
      tenantId,
      facilityId: lodgingId,
      arrivalDate: '2026-06-20',
      departureDate: '2026-06-24',
      acceptedAt: '2026-06-20T17:00:00+09:00',
      guests: [inventedResident, inventedVisitor],
    });
    // Across the end of the June–July period: two days in each period.
    await storeRegisterEntry(deps, {
      tenantId,
      facilityId: lodgingId,
      arrivalDate: '2026-07-30',
      departureDate: '2026-08-03',
      acceptedAt: '2026-07-30T16:30:00+09:00',
      guests: [{ ...inventedVisitor, nationality: 'KR' }],
    });
    // Another tenant's stay in the same period must not count.
    await storeRegisterEntry(deps, {
      tenantId: otherTenantId,
      facilityId: 'facility-other',
      arrivalDate: '2026-06-20',
      departureDate: '2026-06-22',
      acceptedAt: '2026-06-20T17:00:00+09:00',
      guests: [inventedResident],
    });
    // 10 lodging days in the current cap year, placed from its first day so the count does not
    // depend on today's date within the year.
    capYear = capYearAt(new Date()).year;
    await storeRegisterEntry(deps, {
      tenantId,
      facilityId: quietLodgingId,
      arrivalDate: `${capYear}-04-01`,
      departureDate: `${capYear}-04-11`,
      acceptedAt: `${capYear}-04-01T15:00:00+09:00`,
      guests: [inventedResident],
    });

    await tenants.createTenant({ tenantId: inconsistentTenantId, name: '不整合検証株式会社', contactEmail: 'inconsistent@example.invalid' });
    await tenants.putOperatorUser({ tenantId: inconsistentTenantId, userId: 'operator-inconsistent', email: 'operator-inconsistent@example.invalid', role: 'owner' });
    await facilities.createFacility({
      tenantId: inconsistentTenantId,
      facilityId: inconsistentLodgingId,
      name: 'さくらハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M130000021',
      address: '架空県架空市3-3',
    });
    // Two lodging days that count.
    await storeRegisterEntry(deps, {
      tenantId: inconsistentTenantId,
      facilityId: inconsistentLodgingId,
      arrivalDate: `${capYear}-04-01`,
      departureDate: `${capYear}-04-03`,
      acceptedAt: `${capYear}-04-01T15:00:00+09:00`,
      guests: [inventedResident],
    });
    const inconsistent = await storeRegisterEntry(deps, {
      tenantId: inconsistentTenantId,
      facilityId: inconsistentLodgingId,
      arrivalDate: `${capYear}-05-10`,
      departureDate: `${capYear}-05-12`,
      acceptedAt: `${capYear}-05-10T16:00:00+09:00`,
      guests: [inventedVisitor],
    });
    inconsistentEntryId = inconsistent.entryId;
    // Written directly, as older data or another channel could have stored it. The check-out is the day before arrival.
    await documentClient.send(
      new UpdateCommand({
        TableName: 'Register',
        Key: { pk: `TENANT#${inconsistentTenantId}`, sk: `ENTRY#${inconsistentEntryId}` },
        UpdateExpression: 'SET checkedOutAt = :checkedOutAt',
        ExpressionAttributeValues: { ':checkedOutAt': `${capYear}-05-09T01:00:00.000Z` },
      }),
    );

    handlers = {
      list: (require('../../lambdas/reports/list-periodic-reports') as typeof import('../../lambdas/reports/list-periodic-reports')).handler,
      updateStatus: (require('../../lambdas/reports/update-periodic-report-status') as typeof import('../../lambdas/reports/update-periodic-report-status')).handler,
      exportFile: (require('../../lambdas/reports/export-periodic-reports') as typeof import('../../lambdas/reports/export-periodic-reports')).handler,
      annualDays: (require('../../lambdas/reports/get-annual-day-counts') as typeof import('../../lambdas/reports/get-annual-day-counts')).handler,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    await emulators?.stop();
  });

  describe('list', () => {
    test('figures follow the counting rules', async () => {
      const result = await handlers.list(
        apiEvent({ claims: owner, queryStringParameters: { facilityId: lodgingId, from: '2026-04', to: '2026-08' } }),
      );

      expect(result.statusCode).toBe(200);
      const reports = json(result).reports;
      expect(reports.map((report: any) => report.periodId)).toEqual(['2026-08', '2026-06', '2026-04']);
      const june = reports[1];
      expect(june).toMatchObject({
        facilityId: lodgingId,
        notificationNumber: 'M130000001',
        firstDay: '2026-06-01',
        lastDay: '2026-07-31',
        dueDate: '2026-08-15',
        governmentLabel: '2026年度06月～07月',
        status: 'not-submitted',
      });
      expect(june.figures).toEqual({
        daysWithGuests: 6,
        lodgingDays: ['2026-06-20', '2026-06-21', '2026-06-22', '2026-06-23', '2026-07-30', '2026-07-31'],
        guestCount: 3,
        guestNights: 4 + 4 + 2,
        guestsByNationality: { resident: 1, US: 1, KR: 1 },
      });
      expect(reports[0].figures).toMatchObject({ daysWithGuests: 2, guestCount: 1, guestNights: 2, guestsByNationality: { KR: 1 } });
    });

    test('empty period is a zero report', async () => {
      const result = await handlers.list(
        apiEvent({ claims: owner, queryStringParameters: { facilityId: lodgingId, from: '2026-04', to: '2026-04' } }),
      );

      expect(json(result).reports).toHaveLength(1);
      expect(json(result).reports[0].figures).toEqual({
        daysWithGuests: 0,
        lodgingDays: [],
        guestCount: 0,
        guestNights: 0,
        guestsByNationality: {},
      });
    });

    test('lists only reportable facilities of the tenant', async () => {
      const result = await handlers.list(apiEvent({ claims: owner, queryStringParameters: { from: '2026-06', to: '2026-06' } }));

      expect(result.statusCode).toBe(200);
      expect(json(result).reports.map((report: any) => report.facilityId)).toEqual([lodgingId, quietLodgingId]);
    });

    test('past due report is overdue', async () => {
      const result = await handlers.list(
        apiEvent({ claims: owner, queryStringParameters: { facilityId: quietLodgingId, from: '2026-02', to: '2026-02' } }),
      );

      expect(json(result).reports[0]).toMatchObject({ dueDate: '2026-04-15', status: 'not-submitted', overdue: true });
    });

    test('defaults to six closed periods', async () => {
      const result = await handlers.list(apiEvent({ claims: owner, queryStringParameters: { facilityId: lodgingId } }));

      const reports = json(result).reports;
      expect(reports).toHaveLength(6);
      expect(reports[0].lastDay < json(result).today).toBe(true);
    });

    const fromLabels = ['報告期間（から）: ', ' / reporting period (from): '];
    const toLabels = ['報告期間（まで）: ', ' / reporting period (to): '];
    test.each([
      [{ from: '2026-07' }, 'from', fromLabels],
      [{ to: '2026-13' }, 'to', toLabels],
      [{ from: '2026-08', to: '2026-06' }, 'from', fromLabels],
      [{ from: '2020-02', to: '2026-08' }, 'from', fromLabels],
    ])('invalid query %o names %s', async (query, field, [jaLabel, enLabel]) => {
      const result = await handlers.list(apiEvent({ claims: owner, queryStringParameters: { facilityId: lodgingId, ...query } }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe(field);
      expect(json(result).error.message.startsWith(jaLabel)).toBe(true);
      expect(json(result).error.message).toContain(enLabel);
    });

    test('旅館業 facility has no periodic report', async () => {
      const result = await handlers.list(apiEvent({ claims: owner, queryStringParameters: { facilityId: hotelId } }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('facilityId');
      expect(json(result).error.message).toBe(
        '施設 ID: 住宅宿泊事業の施設ではないため、定期報告と 180 日の上限はありません / facility ID: not a 住宅宿泊事業 facility, so it has no periodic report or 180-day cap',
      );
    });

    test('other tenant facility is not found', async () => {
      const result = await handlers.list(apiEvent({ claims: owner, queryStringParameters: { facilityId: 'facility-other' } }));

      expect(result.statusCode).toBe(404);
    });

    test('staff lacks report permission', async () => {
      const result = await handlers.list(apiEvent({ claims: operatorClaims(tenantId, 'staff-1', 'staff') }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error.message).toContain('report:manage');
    });
  });

  describe('届出日', () => {
    test('periods before it are left out', async () => {
      const result = await handlers.list(
        apiEvent({ claims: datedOwner, queryStringParameters: { facilityId: datedLodgingId, from: '2026-02', to: '2026-08' } }),
      );

      expect(result.statusCode).toBe(200);
      expect(json(result).reports.map((report: any) => report.periodId)).toEqual(['2026-08', '2026-06']);
    });

    test('earlier periods are not overdue', async () => {
      const result = await handlers.list(apiEvent({ claims: datedOwner, queryStringParameters: { from: '2026-02', to: '2026-04' } }));

      const reports = json(result).reports;
      expect(reports.map((report: any) => report.facilityId)).toEqual([undatedLodgingId, undatedLodgingId]);
      expect(reports.every((report: any) => report.overdue)).toBe(true);
    });

    test('facility without it keeps every period', async () => {
      const result = await handlers.list(
        apiEvent({ claims: datedOwner, queryStringParameters: { facilityId: undatedLodgingId, from: '2026-02', to: '2026-08' } }),
      );

      expect(json(result).reports.map((report: any) => report.periodId)).toEqual(['2026-08', '2026-06', '2026-04', '2026-02']);
    });

    test('list names facilities without it', async () => {
      const result = await handlers.list(apiEvent({ claims: datedOwner, queryStringParameters: { from: '2026-02', to: '2026-02' } }));

      expect(json(result).facilities).toEqual([
        { facilityId: datedLodgingId, facilityName: 'あおいハウス', notificationNumber: 'M130000011', notificationDate: '2026-07-10' },
        { facilityId: undatedLodgingId, facilityName: 'かえでハウス', notificationNumber: 'M130000012', notificationDate: null },
      ]);
    });

    test('export leaves out facility not yet notified', async () => {
      const result = await handlers.exportFile(apiEvent({ claims: datedOwner, queryStringParameters: { periodId: '2026-04' } }));

      expect(result.statusCode).toBe(200);
      expect(json(result).rowCount).toBe(1);
      const lines = iconv.decode(Buffer.from(json(result).dataBase64, 'base64'), 'cp932').split('\r\n');
      expect(lines[1].startsWith('M130000012,')).toBe(true);
      expect(lines[2]).toBe('');
    });
  });

  describe('status', () => {
    const statusEvent = (periodId: string, body: unknown, claims = owner) =>
      apiEvent({ claims, pathParameters: { facilityId: lodgingId, periodId }, body });

    test('marks a report submitted and back', async () => {
      const submitted = await handlers.updateStatus(statusEvent('2026-06', { status: 'submitted' }));

      expect(submitted.statusCode).toBe(200);
      expect(json(submitted)).toMatchObject({ facilityId: lodgingId, periodId: '2026-06', status: 'submitted' });
      const listed = await handlers.list(
        apiEvent({ claims: owner, queryStringParameters: { facilityId: lodgingId, from: '2026-06', to: '2026-06' } }),
      );
      expect(json(listed).reports[0]).toMatchObject({ status: 'submitted', overdue: false });

      const reverted = await handlers.updateStatus(statusEvent('2026-06', { status: 'not-submitted' }));
      expect(json(reverted).status).toBe('not-submitted');
    });

    test('open period cannot be submitted', async () => {
      const { periodOfDay, todayInJapan } = require('../../lambdas/reports/reporting-periods') as typeof import('../../lambdas/reports/reporting-periods');
      const current = periodOfDay(todayInJapan(new Date())).periodId;

      const result = await handlers.updateStatus(statusEvent(current, { status: 'submitted' }));

      expect(result.statusCode).toBe(409);
      expect(json(result).error.field).toBe('periodId');
    });

    test('period before 届出日 is rejected', async () => {
      const event = apiEvent({ claims: datedOwner, pathParameters: { facilityId: datedLodgingId, periodId: '2026-04' }, body: { status: 'submitted' } });

      const result = await handlers.updateStatus(event);

      expect(result.statusCode).toBe(409);
      expect(json(result).error.field).toBe('periodId');
      expect(json(result).error.message).toContain('2026-07-10');
    });

    test('period containing 届出日 can be submitted', async () => {
      const event = apiEvent({ claims: datedOwner, pathParameters: { facilityId: datedLodgingId, periodId: '2026-06' }, body: { status: 'submitted' } });

      const result = await handlers.updateStatus(event);

      expect(result.statusCode).toBe(200);
    });

    test('unknown status names the field', async () => {
      const result = await handlers.updateStatus(statusEvent('2026-06', { status: 'filed' }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('status');
    });

    test('staff cannot mark a report', async () => {
      const result = await handlers.updateStatus(statusEvent('2026-06', { status: 'submitted' }, operatorClaims(tenantId, 'staff-1', 'staff')));

      expect(result.statusCode).toBe(403);
    });
  });

  describe('government export', () => {
    test('one CP932 row per facility', async () => {
      const result = await handlers.exportFile(apiEvent({ claims: owner, queryStringParameters: { periodId: '2026-06' } }));

      expect(result.statusCode).toBe(200);
      const body = json(result);
      expect(body).toMatchObject({ fileName: 'teiki-houkoku-2026-06.csv', contentType: 'text/csv; charset=Shift_JIS', rowCount: 2 });
      const lines = iconv.decode(Buffer.from(body.dataBase64, 'base64'), 'cp932').split('\r\n');
      expect(lines[0].startsWith('届出番号,報告期間,宿泊日数,宿泊者数,宿泊延べ人数,日本,韓国,')).toBe(true);
      // 日本 1 (the resident), 韓国 1, 米国 1.
      expect(lines[1]).toBe(
        'M130000001,2026年度06月～07月,6,3,10,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,2026/06/20;2026/06/21;2026/06/22;2026/06/23;2026/07/30;2026/07/31',
      );
      expect(lines[2]).toBe(`M130000002,2026年度06月～07月,0,0,0,${Array(22).fill('0').join(',')},`);
    });

    test('missing period names the field', async () => {
      const result = await handlers.exportFile(apiEvent({ claims: owner, queryStringParameters: {} }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('periodId');
    });
  });

  describe('180-day counter', () => {
    test('counts days of the current cap year', async () => {
      const result = await handlers.annualDays(apiEvent({ claims: owner, queryStringParameters: { facilityId: quietLodgingId } }));

      expect(result.statusCode).toBe(200);
      expect(json(result).counts).toEqual([
        {
          facilityId: quietLodgingId,
          facilityName: 'うみハウス',
          year: capYear,
          firstDay: `${capYear}-04-01`,
          lastDay: `${capYear + 1}-03-31`,
          daysUsed: 10,
          limit: 180,
          remaining: 170,
          thresholdsReached: [],
        },
      ]);
    });

    test('lists every reportable facility', async () => {
      const result = await handlers.annualDays(apiEvent({ claims: owner }));

      expect(json(result).counts.map((count: any) => count.facilityId)).toEqual([lodgingId, quietLodgingId]);
    });
  });

  describe('inconsistent register entry', () => {
    const uncounted = () => [{ entryId: inconsistentEntryId, facilityId: inconsistentLodgingId, facilityName: 'さくらハウス' }];

    test('180-day count skips and lists it', async () => {
      const result = await handlers.annualDays(apiEvent({ claims: inconsistentOwner }));

      expect(result.statusCode).toBe(200);
      expect(json(result).counts[0].daysUsed).toBe(2);
      expect(json(result).uncountedEntries).toEqual(uncounted());
    });

    test('periodic report skips and lists it', async () => {
      const result = await handlers.list(apiEvent({ claims: inconsistentOwner, queryStringParameters: { from: `${capYear}-04`, to: `${capYear}-04` } }));

      expect(result.statusCode).toBe(200);
      expect(json(result).reports[0].figures.daysWithGuests).toBe(2);
      expect(json(result).reports[0].figures.guestCount).toBe(1);
      expect(json(result).uncountedEntries).toEqual(uncounted());
    });

    test('warning is logged with ids only', () => {
      expect(output.text()).toContain('Register entries left out of the 180-day count');
      expect(output.text()).toContain(inconsistentEntryId);
    });

    test('consistent tenant lists none', async () => {
      const result = await handlers.annualDays(apiEvent({ claims: owner }));

      expect(json(result).uncountedEntries).toEqual([]);
    });
  });

  test('no guest data in logs or responses', async () => {
    const responses = await Promise.all([
      handlers.list(apiEvent({ claims: owner, queryStringParameters: { from: '2026-04', to: '2026-08' } })),
      handlers.exportFile(apiEvent({ claims: owner, queryStringParameters: { periodId: '2026-06' } })),
      handlers.annualDays(apiEvent({ claims: owner })),
      handlers.annualDays(apiEvent({ claims: inconsistentOwner })),
      handlers.list(apiEvent({ claims: inconsistentOwner, queryStringParameters: { from: `${capYear}-04`, to: `${capYear}-04` } })),
    ]);

    for (const secret of inventedGuestStrings) {
      expect(output.text()).not.toContain(secret);
      for (const response of responses) expect(response.body).not.toContain(secret);
    }
  });
});
