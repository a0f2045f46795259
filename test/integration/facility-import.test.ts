import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import iconv from 'iconv-lite';
import { apiEvent, operatorClaims } from './support/api-events';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

type Handler = typeof import('../../lambdas/facility/import-facilities').handler;

const tenantId = 'tenant-import';
const owner = operatorClaims(tenantId, 'owner-import', 'owner');
const manager = operatorClaims(tenantId, 'manager-import', 'manager');
const header = '施設名,営業種別,届出番号・許可番号,郵便番号,都道府県,市区町村,番地,建物名,定員,拠点名,ドア・キーボックスの暗証番号,年間営業日数の上限（条例）,ハウスルール（日本語）,ハウスルール（英語）';

/** A row of invented facility data; `index` keeps licence numbers apart. */
function row(index: number, overrides: Partial<Record<'name' | 'type' | 'postal' | 'office' | 'capacity' | 'licence', string>> = {}): string {
  const licence = overrides.licence ?? `M13${String(index).padStart(7, '0')}`;
  return [
    overrides.name ?? `架空荘${index}号館`,
    overrides.type ?? '住宅宿泊事業',
    licence,
    overrides.postal ?? '１１１－００３２',
    '東京都',
    '台東区',
    `架空${index}-1`,
    '',
    overrides.capacity ?? '4',
    overrides.office ?? '本社',
    '',
    '120',
    '"22時以降はお静かに。\nゴミは分別してください。"',
    'Quiet after 10 pm.',
  ].join(',');
}

function csv(...rows: string[]): string {
  return [header, ...rows].join('\r\n') + '\r\n';
}

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('facility CSV import', () => {
  let emulators: HandlerEmulators;
  let handlers: { template: Handler; preview: Handler; confirm: Handler };
  let facilityCount: () => Promise<number>;
  let notificationDateOf: (licenceNumber: string) => Promise<string | undefined>;
  let storedFacility: (licenceNumber: string) => Promise<import('../../lambdas/facility/facility-repository').Facility | undefined>;
  let auditRecords: () => Promise<Record<string, any>[]>;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { OfficeRepository } = require('../../lambdas/organisation/office-repository') as typeof import('../../lambdas/organisation/office-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '取込検証株式会社', contactEmail: 'import@example.invalid' });
    await tenants.putOperatorUser({ tenantId, userId: 'owner-import', email: 'owner-import@example.invalid', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: 'manager-import', email: 'manager-import@example.invalid', role: 'manager', officeIds: ['office-head'] });
    const offices = new OfficeRepository(documentClient, 'Directory');
    await offices.createOffice({ tenantId, officeId: 'office-head', name: '本社' });
    await offices.createOffice({ tenantId, officeId: 'office-kyoto', name: '京都拠点' });
    const facilities = new FacilityRepository(documentClient, 'Directory');
    facilityCount = async () => (await facilities.listFacilities(tenantId)).length;
    notificationDateOf = async (licenceNumber) =>
      (await facilities.listFacilities(tenantId)).find((facility) => facility.licenceNumber === licenceNumber)?.notificationDate;
    storedFacility = async (licenceNumber) => (await facilities.listFacilities(tenantId)).find((facility) => facility.licenceNumber === licenceNumber);
    auditRecords = async () =>
      (await documentClient.send(new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } })))
        .Items ?? [];
    handlers = {
      template: require('../../lambdas/facility/get-facility-import-template').handler,
      preview: require('../../lambdas/facility/preview-facility-import').handler,
      confirm: require('../../lambdas/facility/import-facilities').handler,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    await emulators?.stop();
  });

  async function preview(file: Buffer, claims = owner) {
    return handlers.preview(apiEvent({ claims, body: { fileBase64: file.toString('base64') } }));
  }

  /** Sends the valid rows of a preview, as admin-web does after the operator confirms. */
  async function confirm(previewBody: any, claims = owner) {
    const rows = previewBody.rows.filter((item: any) => item.action !== 'invalid').map((item: any) => ({ rowNumber: item.rowNumber, input: item.input }));
    return handlers.confirm(apiEvent({ claims, body: { rows } }));
  }

  test('template has Japanese headers', async () => {
    const result = await handlers.template(apiEvent({ claims: owner }));

    expect(result.statusCode).toBe(200);
    const body = json(result);
    expect(body.csv.startsWith('\uFEFF施設名,営業種別,届出番号・許可番号,届出日,郵便番号')).toBe(true);
    expect(body.csv.split('\r\n')).toHaveLength(2);
    expect(body.columns.map((column: { field: string }) => column.field)).toContain('houseRules.en');
  });

  test.each([
    ['utf-8', (text: string) => Buffer.from(text, 'utf8')],
    ['utf-8-bom', (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['shift_jis', (text: string) => iconv.encode(text, 'cp932')],
  ])('reads %s', async (encoding, encode) => {
    const result = await preview(encode(csv(row(1))));

    expect(result.statusCode).toBe(200);
    const body = json(result);
    expect(body.encoding).toBe(encoding);
    expect(body.rows[0]).toMatchObject({
      rowNumber: 2,
      action: 'create',
      name: '架空荘1号館',
      licenceNumber: 'M130000001',
      input: { postalCode: '111-0032', officeId: 'office-head', houseRules: { ja: '22時以降はお静かに。\nゴミは分別してください。', en: 'Quiet after 10 pm.' } },
    });
  });

  test('reports errors per row and field', async () => {
    const before = await facilityCount();
    const file = csv(row(10), row(11, { postal: '12-34', office: '大阪拠点', capacity: '0' }), row(12, { licence: 'M130000010' }), row(13, { type: 'ホテル' }));

    const result = await preview(Buffer.from(file, 'utf8'));

    const body = json(result);
    expect(body.counts).toEqual({ create: 1, update: 0, unchanged: 0, invalid: 3 });
    const errorsOf = (rowNumber: number) => body.rows.find((item: any) => item.rowNumber === rowNumber).errors;
    expect(errorsOf(3).map((error: { field: string }) => error.field).sort()).toEqual(['capacity', 'officeId', 'postalCode']);
    const messageOf = (rowNumber: number, field: string) => errorsOf(rowNumber).find((error: { field: string }) => error.field === field).message;
    expect(messageOf(3, 'postalCode')).toBe(
      '郵便番号: 7 桁の数字（例: 111-0032）で入力してください / postal code: must be 7 digits, e.g. 111-0032',
    );
    expect(messageOf(3, 'officeId')).toBe(
      '拠点: この名前の拠点はありません。拠点名を確認してください / office: no office has this name: check the office name',
    );
    expect(messageOf(3, 'capacity')).toBe('定員: 1 以上で指定してください / capacity: must be at least 1');
    expect(errorsOf(4)).toEqual([
      { field: 'licenceNumber', message: '届出番号・許可番号: 2 行目と同じ番号です / notification or licence number: same number as row 2' },
    ]);
    expect(errorsOf(5)[0]).toMatchObject({ field: 'licenceType', message: expect.stringMatching(/^営業種別: .+ \/ licence type: must be one of /) });
    const nameOf = (rowNumber: number) => body.rows.find((item: any) => item.rowNumber === rowNumber).name;
    expect(nameOf(3)).toBe('架空荘11号館');
    expect(nameOf(4)).toBe('架空荘12号館');
    expect(nameOf(5)).toBe('架空荘13号館');
    expect(await facilityCount()).toBe(before);
  });

  test('rejects unreadable CSV', async () => {
    const result = await preview(Buffer.from(`${header}\r\n"架空荘,住宅宿泊事業\r\n`, 'utf8'));

    expect(result.statusCode).toBe(400);
    expect(json(result).error).toMatchObject({
      field: 'fileBase64',
      message: expect.stringMatching(/^施設 CSV ファイル: CSV として読み取れません（2 行目付近）.* \/ facility CSV file: not valid CSV near line 2:/),
    });
  });

  test('rejects missing columns', async () => {
    const result = await preview(Buffer.from('施設名,定員\r\n架空荘,4\r\n', 'utf8'));

    expect(result.statusCode).toBe(400);
    expect(json(result).error.message).toMatch(/^施設 CSV ファイル: 見出し行に次の列がありません: 営業種別、/);
    expect(json(result).error.message).toMatch(/ \/ facility CSV file: the header row lacks the columns licence type, notification or licence number, /);
  });

  test('over-long licence number has one row error', async () => {
    const result = await preview(Buffer.from(csv(row(14, { licence: `M${'1'.repeat(70)}` })), 'utf8'));

    expect(json(result).rows[0].errors).toEqual([
      {
        field: 'licenceNumber',
        message: '届出番号・許可番号: 64 文字以内で指定してください / notification or licence number: must be at most 64 characters',
      },
    ]);
  });

  test.each([
    [{}, '施設 CSV ファイル: ファイルを選んでください / facility CSV file: choose a file'],
    [{ fileBase64: 7 }, '施設 CSV ファイル: 文字列で指定してください / facility CSV file: expected a string'],
  ])('preview 400 for %j names the file field', async (body, message) => {
    const result = await handlers.preview(apiEvent({ claims: owner, body }));

    expect(result.statusCode).toBe(400);
    expect(json(result).error).toMatchObject({ field: 'fileBase64', message });
  });

  test('confirm 400 names the rows field', async () => {
    const result = await handlers.confirm(apiEvent({ claims: owner, body: { rows: [] } }));

    expect(result.statusCode).toBe(400);
    expect(json(result).error).toMatchObject({ field: 'rows', message: '取り込む行: 1 行以上必要です / rows to import: must hold at least one row' });
  });

  test('confirm re-validates rows with labelled messages', async () => {
    const result = await handlers.confirm(
      apiEvent({ claims: owner, body: { rows: [{ rowNumber: 2, input: { name: '架空荘', licenceType: 'private-lodging', capacity: 2 } }] } }),
    );

    expect(result.statusCode).toBe(200);
    const [row] = json(result).rows;
    expect(row.action).toBe('invalid');
    expect(row.errors).toContainEqual({ field: 'licenceNumber', message: '届出番号・許可番号: 必須です / notification or licence number: required' });
    expect(row.errors.every((error: { message: string }) => error.message.split(' / ').length === 2)).toBe(true);
  });

  test('re-import creates nothing new', async () => {
    const file = iconv.encode(csv(row(20), row(21)), 'cp932');
    const first = await confirm(json(await preview(file)));
    expect(json(first).counts).toEqual({ create: 2, update: 0, unchanged: 0, invalid: 0 });
    const after = await facilityCount();

    const again = json(await preview(file));
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2, invalid: 0 });
    const second = await confirm(again);

    expect(json(second).counts).toEqual({ create: 0, update: 0, unchanged: 2, invalid: 0 });
    expect(await facilityCount()).toBe(after);
  });

  test('changed row updates facility', async () => {
    await confirm(json(await preview(Buffer.from(csv(row(30)), 'utf8'))));

    const changed = json(await preview(Buffer.from(csv(row(30, { name: '架空荘30号館 改' })), 'utf8')));
    expect(changed.rows[0].action).toBe('update');
    const result = json(await confirm(changed));

    expect(result.counts.update).toBe(1);
    const record = (await auditRecords()).find((item) => item.action === 'facility.import' && item.targetIds.includes(result.rows[0].facilityId));
    expect(record).toMatchObject({ userId: 'owner-import', targetType: 'facility' });
  });

  describe('update row optional cells', () => {
    const licence = 'M130000060';
    /** A row for one facility with its optional cells as given; an omitted cell is left empty. */
    const optionalRow = (cells: { name?: string; building?: string; entryCode?: string; dayLimit?: string; ja?: string; en?: string }) =>
      Buffer.from(
        csv(
          [
            cells.name ?? '架空荘60号館',
            '住宅宿泊事業',
            licence,
            '111-0032',
            '東京都',
            '台東区',
            '架空60-1',
            cells.building ?? '',
            '4',
            '本社',
            cells.entryCode ?? '',
            cells.dayLimit ?? '',
            cells.ja ?? '',
            cells.en ?? '',
          ].join(','),
        ),
        'utf8',
      );

    beforeAll(async () => {
      const stored = { building: '架空ビル 2F', entryCode: '2468', dayLimit: '120', ja: '土足厳禁です。', en: 'No shoes inside.' };
      const created = json(await confirm(json(await preview(optionalRow(stored)))));
      expect(created.counts.create).toBe(1);
    });

    test('empty cells keep stored values', async () => {
      const planned = json(await preview(optionalRow({ name: '架空荘60号館 改' })));

      expect(planned.rows[0].action).toBe('update');
      expect(planned.rows[0].changedFields).toEqual([{ field: 'name', label: '施設名 / facility name' }]);
      const result = json(await confirm(planned));
      expect(result.counts.update).toBe(1);
      const facility = await storedFacility(licence);
      expect(facility?.name).toBe('架空荘60号館 改');
      expect(facility?.entryCode).toBe('2468');
      expect(facility?.houseRules).toEqual({ ja: '土足厳禁です。', en: 'No shoes inside.' });
      expect(facility?.postalAddress?.building).toBe('架空ビル 2F');
      expect(facility?.reportSettings?.annualDayLimit).toBe(120);
    });

    test('same row again is unchanged', async () => {
      const planned = json(await preview(optionalRow({ name: '架空荘60号館 改' })));

      expect(planned.rows[0].action).toBe('unchanged');
      expect(planned.rows[0].changedFields).toEqual([]);
    });

    test('filled cells replace stored values', async () => {
      const planned = json(await preview(optionalRow({ name: '架空荘60号館 改', entryCode: '1357#', en: 'Please remove your shoes.' })));

      expect(planned.rows[0].action).toBe('update');
      expect(planned.rows[0].changedFields).toEqual([
        { field: 'entryCode', label: 'ドア・キーボックスの暗証番号 / door or keybox code' },
        { field: 'houseRules.en', label: 'ハウスルール（英語） / house rules (English)' },
      ]);
      const result = json(await confirm(planned));
      expect(result.counts.update).toBe(1);
      const facility = await storedFacility(licence);
      expect(facility?.entryCode).toBe('1357#');
      expect(facility?.houseRules).toEqual({ ja: '土足厳禁です。', en: 'Please remove your shoes.' });
      expect(facility?.postalAddress?.building).toBe('架空ビル 2F');
      expect(facility?.revision).toBe(2);
    });

    test('day limit dropped with licence type', async () => {
      const planned = json(
        await preview(
          Buffer.from(csv(['架空荘60号館 改', '簡易宿所', licence, '111-0032', '東京都', '台東区', '架空60-1', '', '4', '本社', '', '', '', ''].join(',')), 'utf8'),
        ),
      );

      expect(planned.rows[0].action).toBe('update');
      expect(planned.rows[0].changedFields.map((changed: { field: string }) => changed.field)).toEqual(['licenceType', 'localDayLimit']);
      expect(planned.rows[0].input.localDayLimit).toBeUndefined();
      expect(planned.rows[0].input.entryCode).toBe('1357#');
    });
  });

  test('届出日 column sets, keeps and rejects', async () => {
    // The 届出日 column last, as an operator may add it to an older file.
    const dated = (date: string) => Buffer.from(`${header},届出日\r\n${row(50)},${date}\r\n`, 'utf8');
    const created = json(await confirm(json(await preview(dated('2024/4/1')))));
    expect(created.counts.create).toBe(1);
    expect(await notificationDateOf('M130000050')).toBe('2024-04-01');

    // A file without the column keeps the stored date.
    const withoutColumn = json(await preview(Buffer.from(csv(row(50)), 'utf8')));
    expect(withoutColumn.rows[0].action).toBe('unchanged');
    expect(withoutColumn.rows[0].input.notificationDate).toBe('2024-04-01');

    const invalid = json(await preview(dated('2024-02-30')));
    expect(invalid.rows[0].action).toBe('invalid');
    expect(invalid.rows[0].errors).toEqual([
      { field: 'notificationDate', message: '届出日: 日付（例: 2024-04-01）で入力してください / notification date: must be a date such as 2024-04-01' },
    ]);
    expect(await notificationDateOf('M130000050')).toBe('2024-04-01');

    const changed = json(await confirm(json(await preview(dated('2024-05-01')))));
    expect(changed.counts.update).toBe(1);
    expect(await notificationDateOf('M130000050')).toBe('2024-05-01');
  });

  test('manager limited to own offices', async () => {
    const body = json(await preview(Buffer.from(csv(row(40), row(41, { office: '京都拠点' })), 'utf8'), manager));

    expect(body.rows.map((item: any) => item.action)).toEqual(['create', 'invalid']);
    expect(body.rows[1].errors[0]).toMatchObject({ field: 'officeId' });
  });

  test('confirm validates rows again', async () => {
    const result = await handlers.confirm(
      apiEvent({ claims: owner, body: { rows: [{ rowNumber: 2, input: { name: '架空荘', licenceType: 'private-lodging' } }] } }),
    );

    expect(result.statusCode).toBe(200);
    expect(json(result).counts.invalid).toBe(1);
    expect(json(result).rows[0].errors.map((error: { field: string }) => error.field)).toContain('postalCode');
  });

  test('confirm rejects unknown office', async () => {
    const valid = json(await preview(Buffer.from(csv(row(50)), 'utf8'))).rows[0].input;

    const result = await handlers.confirm(apiEvent({ claims: owner, body: { rows: [{ rowNumber: 2, input: { ...valid, officeId: 'office-of-someone-else' } }] } }));

    expect(json(result).rows[0]).toMatchObject({ action: 'invalid', errors: [{ field: 'officeId' }] });
  });

  test('staff may not import', async () => {
    const staff = operatorClaims(tenantId, 'owner-import', 'staff');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    await new TenantRepository(documentClient, 'Directory').putOperatorUser({ tenantId, userId: 'staff-import', email: 'staff-import@example.invalid', role: 'staff', officeIds: ['office-head'] });

    const result = await preview(Buffer.from(csv(row(60)), 'utf8'), { ...staff, sub: 'staff-import' });

    expect(result.statusCode).toBe(403);
  });

  test('1,000 rows import in one go', async () => {
    const before = await facilityCount();
    const rows = Array.from({ length: 1000 }, (_, index) => row(1000 + index));
    const file = iconv.encode(csv(...rows), 'cp932');

    const previewed = json(await preview(file));
    expect(previewed.counts).toEqual({ create: 1000, update: 0, unchanged: 0, invalid: 0 });
    const result = await confirm(previewed);

    expect(result.statusCode).toBe(200);
    expect(json(result).counts).toEqual({ create: 1000, update: 0, unchanged: 0, invalid: 0 });
    expect(await facilityCount()).toBe(before + 1000);
  }, 120_000);
});
