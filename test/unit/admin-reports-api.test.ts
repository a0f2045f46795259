import { createApiClient } from '../../admin-web/src/lib/api-client';
import {
  exportGovernmentFile,
  listAnnualDayCounts,
  listPeriodicReports,
  setReportStatus,
} from '../../admin-web/src/features/reports/api';
import {
  createRegisterExport,
  getRegisterExport,
  listRegisterEntries,
  RegisterExportFailedError,
} from '../../admin-web/src/features/guest-register/api';

interface SentRequest {
  url: string;
  method: string;
  body?: string;
}

/** A client whose fetch records each request and returns `body` with `status`. */
function clientReturning(body: unknown, status = 200) {
  const sent: SentRequest[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET', body: init.body as string | undefined });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { client: createApiClient({ apiUrl: 'http://127.0.0.1:9/', getIdToken: async () => 'token', fetch }), sent };
}

/** A client whose fetch records each request and returns the next of `responses`, the last one repeatedly. */
function clientReturningEach(responses: readonly { body: unknown; status: number }[]) {
  const sent: SentRequest[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET', body: init.body as string | undefined });
    const { body, status } = responses[Math.min(sent.length - 1, responses.length - 1)];
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { client: createApiClient({ apiUrl: 'http://127.0.0.1:9/', getIdToken: async () => 'token', fetch }), sent };
}

const report = {
  facilityId: 'f-1',
  facilityName: '検証ハウス',
  notificationNumber: 'M130000001',
  periodId: '2026-06',
  firstDay: '2026-06-01',
  lastDay: '2026-07-31',
  dueDate: '2026-08-15',
  governmentLabel: '2026年度06月～07月',
  status: 'not-submitted',
  overdue: false,
  figures: { daysWithGuests: 4, lodgingDays: ['2026-06-20'], guestCount: 2, guestNights: 8, guestsByNationality: { resident: 1, US: 1 } },
};

const reportingFacilities = [
  { facilityId: 'f-1', facilityName: '検証ハウス', notificationNumber: 'M130000001', notificationDate: '2024-03-01' },
  { facilityId: 'f-2', facilityName: '未入力ハウス', notificationNumber: 'M130000002', notificationDate: null },
];

describe('admin reports api', () => {
  test('lists reports with the period query', async () => {
    const { client, sent } = clientReturning({ today: '2026-12-04', facilities: reportingFacilities, reports: [report], uncountedEntries: [] });

    const list = await listPeriodicReports(client, { from: '2026-04', to: '2026-06' });

    expect(list.reports[0].figures.guestsByNationality).toEqual({ resident: 1, US: 1 });
    expect(list.facilities.map((facility) => facility.notificationDate)).toEqual(['2024-03-01', null]);
    expect(sent[0].url).toBe('http://127.0.0.1:9/reports/periodic?from=2026-04&to=2026-06');
  });

  test('rejects a malformed 届出日', async () => {
    const facilities = [{ ...reportingFacilities[0], notificationDate: '2024/03/01' }];
    const { client } = clientReturning({ today: '2026-12-04', facilities, reports: [report], uncountedEntries: [] });

    await expect(listPeriodicReports(client, {})).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  test('rejects a report without figures', async () => {
    const { client } = clientReturning({ today: '2026-12-04', facilities: reportingFacilities, reports: [{ ...report, figures: undefined }], uncountedEntries: [] });

    await expect(listPeriodicReports(client, {})).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  test('puts the status to the encoded path', async () => {
    const { client, sent } = clientReturning({ facilityId: 'f 1', periodId: '2026-06', status: 'submitted', statusChangedAt: '2026-12-04T01:00:00.000Z' });

    await setReportStatus(client, { facilityId: 'f 1', periodId: '2026-06', status: 'submitted' });

    expect(sent[0].method).toBe('PUT');
    expect(sent[0].url).toBe('http://127.0.0.1:9/reports/periodic/f%201/2026-06/status');
    expect(JSON.parse(sent[0].body!)).toEqual({ status: 'submitted' });
  });

  test('rejects a file name with a path', async () => {
    const { client } = clientReturning({ fileName: '../evil.csv', contentType: 'text/csv', rowCount: 1, dataBase64: 'QQ==', uncountedEntries: [] });

    await expect(exportGovernmentFile(client, '2026-06')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  test('parses annual day counts', async () => {
    const count = { facilityId: 'f-1', facilityName: '検証ハウス', year: 2026, firstDay: '2026-04-01', lastDay: '2027-03-31', daysUsed: 150, limit: 180, remaining: 30, thresholdsReached: [150] };
    const { client } = clientReturning({ counts: [count], uncountedEntries: [] });

    expect((await listAnnualDayCounts(client)).counts).toEqual([count]);
  });

  test('parses entries left out of the counts', async () => {
    const uncounted = { entryId: 'entry-1', facilityId: 'f-1', facilityName: '検証ハウス' };
    const { client } = clientReturning({ counts: [], uncountedEntries: [uncounted] });

    expect((await listAnnualDayCounts(client)).uncountedEntries).toEqual([uncounted]);
  });

  test('rejects counts without the uncounted list', async () => {
    const { client } = clientReturning({ counts: [] });

    await expect(listAnnualDayCounts(client)).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});

describe('admin register export api', () => {
  const exportId = '0b9f3c52-3a55-4a8e-9d55-1f1d0f2b7a10';

  const request = { exportId, facilityId: 'f-1', from: '2026-01-01', to: '2026-12-31' };

  test('CSV export polls until done', async () => {
    const { client, sent } = clientReturningEach([
      { body: { exportId, status: 'queued' }, status: 202 },
      { body: { exportId, status: 'running', totalEntries: 2, processedEntries: 0 }, status: 200 },
      { body: { exportId, status: 'done', totalEntries: 2, processedEntries: 2, rowCount: 3, downloadUrl: 'http://127.0.0.1:9/exports/x.csv' }, status: 200 },
    ]);

    const created = await createRegisterExport(client, request, 'csv', 0);

    expect(created.rowCount).toBe(3);
    expect(created.downloadUrl).toBe('http://127.0.0.1:9/exports/x.csv');
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST http://127.0.0.1:9/register/exports',
      `GET http://127.0.0.1:9/register/exports/${exportId}`,
      `GET http://127.0.0.1:9/register/exports/${exportId}`,
    ]);
    expect(JSON.parse(sent[0].body!)).toEqual({ ...request, format: 'csv' });
  });

  test('export reports each polled state', async () => {
    const { client, sent } = clientReturningEach([
      { body: { exportId, status: 'queued' }, status: 202 },
      { body: { exportId, status: 'running', totalEntries: 2, processedEntries: 1 }, status: 200 },
      { body: { exportId, status: 'done', totalEntries: 2, processedEntries: 2, rowCount: 3, downloadUrl: 'http://127.0.0.1:9/exports/x.csv' }, status: 200 },
    ]);
    const seen: { status: string; requestsSent: number }[] = [];

    await createRegisterExport(client, request, 'csv', 0, (job) => seen.push({ status: job.status, requestsSent: sent.length }));

    expect(seen.map((state) => state.status)).toEqual(['queued', 'running', 'done']);
    // The first state comes from the POST itself, so no status check runs before the job exists.
    expect(seen[0].requestsSent).toBe(1);
    expect(sent[0].method).toBe('POST');
    expect(seen[1].requestsSent).toBe(2);
  });

  test('PDF export polls until done', async () => {
    const { client, sent } = clientReturningEach([
      { body: { exportId, status: 'queued', disclosure: 'masked' }, status: 202 },
      { body: { exportId, status: 'done', disclosure: 'masked', rowCount: 3, pageCount: 1, downloadUrl: 'http://127.0.0.1:9/exports/x.pdf' }, status: 200 },
    ]);

    const created = await createRegisterExport(client, request, 'pdf', 0);

    expect(created).toMatchObject({ pageCount: 1, disclosure: 'masked' });
    expect(sent[0].url).toBe('http://127.0.0.1:9/register/pdf-exports');
    expect(JSON.parse(sent[0].body!)).toEqual(request);
  });

  test('failed export rejects with its message', async () => {
    const message = 'エクスポートに失敗しました。もう一度エクスポートしてください / The export failed: start the export again';
    const { client } = clientReturningEach([
      { body: { exportId, status: 'queued' }, status: 202 },
      { body: { exportId, status: 'failed', message }, status: 200 },
    ]);

    const failure = createRegisterExport(client, request, 'csv', 0);

    await expect(failure).rejects.toBeInstanceOf(RegisterExportFailedError);
    await expect(failure).rejects.toThrow(message);
  });

  test('progress without a download URL', async () => {
    const { client } = clientReturning({ exportId, status: 'running', totalEntries: 300, processedEntries: 100 });

    expect(await getRegisterExport(client, exportId)).toMatchObject({ status: 'running', processedEntries: 100 });
  });

  test('sends the nationality filter', async () => {
    const { client, sent } = clientReturning({ entries: [] });

    await listRegisterEntries(client, { facilityId: 'f-1', nationality: 'resident' });

    expect(sent[0].url).toBe('http://127.0.0.1:9/register?facilityId=f-1&nationality=resident');
  });

  test('all facilities omit facilityId', async () => {
    const { client, sent } = clientReturning({ entries: [] });

    await listRegisterEntries(client, { facilityId: '', from: '2026-09-01', cursor: 'eyJhZnRlciI6IngifQ' });

    expect(sent[0].url).toBe('http://127.0.0.1:9/register?from=2026-09-01&cursor=eyJhZnRlciI6IngifQ');
  });
});
