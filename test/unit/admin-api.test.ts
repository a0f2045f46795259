import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, buildUrl, clientErrorCodes, createApiClient } from '../../admin-web/src/lib/api-client';
import { apiErrorMessage } from '../../admin-web/src/lib/api-error-message';
import { createPairingCode, listFacilities, saveFacility, type FacilityInput } from '../../admin-web/src/features/facilities/api';
import { getMe } from '../../admin-web/src/features/me/api';
import { listAuditRecords } from '../../admin-web/src/features/audit-log/api';
import {
  getGuestImage,
  getRegisterEntry,
  listRegisterEntries,
  toDataUrl,
} from '../../admin-web/src/features/guest-register/api';

/** Status and body that the loopback API returns for one `METHOD path`. */
interface CannedResponse {
  status: number;
  body: unknown;
}

interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let server: Server;
let apiUrl: string;
let responses: Map<string, CannedResponse>;
let requests: RecordedRequest[];

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body,
    });
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const canned = responses.get(`${request.method} ${path}`) ?? {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: `no fixture for ${request.method} ${path}` } },
    };
    const text = typeof canned.body === 'string' ? canned.body : JSON.stringify(canned.body);
    response.writeHead(canned.status, { 'Content-Type': 'application/json' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  responses = new Map();
  requests = [];
});

const idToken = 'eyJ.test-id-token.sig';
const client = () => createApiClient({ apiUrl, getIdToken: async () => idToken });

const residentGuestName = '検証 花子';
const consent = { acceptedAt: '2026-05-01T07:58:00.000Z', language: 'ja' };
const facility = {
  facilityId: 'f-1',
  name: '検証ハウス浅草',
  licenceType: 'private-lodging',
  licenceNumber: 'M130000000',
  address: '東京都台東区検証1-2-3',
  revision: 3,
};
const foreignGuestName = 'Testa Nominata';

describe('admin api client', () => {
  test('sends the ID token as Authorization', async () => {
    responses.set('GET /me', {
      status: 200,
      body: {
        tenantId: 't-1',
        tenantName: '検証不動産株式会社',
        userId: 'u-1',
        email: 'operator@example.test',
        role: 'owner',
      },
    });

    const operator = await getMe(client());

    expect(requests[0].authorization).toBe(idToken);
    expect(operator.tenantName).toBe('検証不動産株式会社');
    expect(operator.displayName).toBeUndefined();
  });

  test('accepts a missing email and display name', async () => {
    responses.set('GET /me', {
      status: 200,
      body: { tenantId: 't-1', tenantName: 'x', userId: 'u-1', email: null, role: 'staff' },
    });

    const operator = await getMe(client());

    expect(operator.email).toBeNull();
    expect(operator.role).toBe('staff');
  });

  test('rejects an unknown role', async () => {
    responses.set('GET /me', {
      status: 200,
      body: { tenantId: 't-1', tenantName: 'x', userId: 'u-1', email: 'e@example.test', role: 'root' },
    });

    await expect(getMe(client())).rejects.toMatchObject({ code: clientErrorCodes.invalidResponse, status: 200 });
  });

  test('builds URLs without empty query parameters', () => {
    expect(buildUrl('http://127.0.0.1:3001/', '/register', { facilityId: 'f 1', from: '', to: undefined })).toBe(
      'http://127.0.0.1:3001/register?facilityId=f+1',
    );
    expect(buildUrl('https://api.example.test/prod', '/me')).toBe('https://api.example.test/prod/me');
  });

  test('maps the API error body to ApiError', async () => {
    responses.set('GET /register', {
      status: 400,
      body: { error: { code: 'invalid_request', field: 'from', message: 'from must be YYYY-MM-DD' } },
    });

    const failure = listRegisterEntries(client(), { facilityId: 'f-1', from: 'yesterday' });

    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ code: 'invalid_request', field: 'from', status: 400 });
  });

  test('reports a non-JSON error as HTTP_ERROR', async () => {
    responses.set('GET /facilities', { status: 502, body: '<html>Bad Gateway</html>' });

    await expect(listFacilities(client())).rejects.toMatchObject({ code: clientErrorCodes.http, status: 502 });
  });

  test('reports a refused connection as NETWORK_ERROR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createApiClient({ apiUrl: `http://127.0.0.1:${port}`, getIdToken: async () => idToken });

    await expect(listFacilities(offline)).rejects.toMatchObject({ code: clientErrorCodes.network, status: 0 });
  });

  test('keeps guest data out of parse errors', async () => {
    responses.set('GET /register/e-1', {
      status: 200,
      body: {
        entryId: 'e-1',
        facilityId: 'f-1',
        arrivalDate: '2026-05-01',
        departureDate: '2026-05-03',
        consent,
        guests: [{ guestId: 'g-1', name: residentGuestName, address: 42, occupation: '会社員', hasAddressInJapan: true }],
      },
    });

    const error = await getRegisterEntry(client(), 'e-1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(clientErrorCodes.invalidResponse);
    expect((error as ApiError).message).toContain('guests.0.address');
    expect((error as ApiError).message).not.toContain(residentGuestName);
  });
});

describe('admin facilities api', () => {
  test('lists facilities', async () => {
    responses.set('GET /facilities', {
      status: 200,
      body: { facilities: [facility] },
    });

    const facilities = await listFacilities(client());

    expect(facilities).toEqual([{ ...facility, status: 'active' }]);
  });

  test('rejects an unknown licence type', async () => {
    responses.set('GET /facilities', {
      status: 200,
      body: { facilities: [{ ...facility, licenceType: 'campsite' }] },
    });

    await expect(listFacilities(client())).rejects.toMatchObject({ code: clientErrorCodes.invalidResponse });
  });

  const formInput: FacilityInput = {
    name: '検証ハウス浅草',
    licenceType: 'private-lodging',
    licenceNumber: 'M130000000',
    postalCode: '111-0032',
    prefecture: '東京都',
    city: '台東区',
    street: '検証1-2-3',
    building: '',
    capacity: '4',
    officeId: 'office-1',
    entryCode: '4321#',
    localDayLimit: '',
    notificationDate: '',
    houseRules: { ja: '22時以降はお静かに。' },
  };

  test('edit sends the read revision', async () => {
    responses.set('PUT /facilities/f-1', { status: 200, body: { facility: { ...facility, revision: 4 } } });

    const saved = await saveFacility(client(), { facilityId: 'f-1', revision: 3 }, formInput);

    expect(requests[0].method).toBe('PUT');
    expect(JSON.parse(requests[0].body)).toMatchObject({ revision: 3, entryCode: '4321#' });
    expect(saved.revision).toBe(4);
  });

  test('create sends no revision', async () => {
    responses.set('POST /facilities', { status: 201, body: { facility: { ...facility, revision: 0 } } });

    await saveFacility(client(), undefined, formInput);

    expect(JSON.parse(requests[0].body)).not.toHaveProperty('revision');
  });

  test('stale edit rejects with the 409 message', async () => {
    const message = '施設情報の版: この施設は他の利用者が先に更新しました / facility revision: the facility was changed meanwhile';
    responses.set('PUT /facilities/f-1', { status: 409, body: { error: { code: 'conflict', message, field: 'revision' } } });

    const failure = saveFacility(client(), { facilityId: 'f-1', revision: 3 }, formInput);

    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 409, field: 'revision', message });
  });

  test('posts a pairing code request to the encoded facility path', async () => {
    responses.set('POST /facilities/f%2F1/pairing-codes', {
      status: 201,
      body: { pairingCode: 'K7M2QX9P', facilityId: 'f/1', expiresAt: '2026-05-01T10:10:00.000Z' },
    });

    const code = await createPairingCode(client(), 'f/1');

    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe('/facilities/f%2F1/pairing-codes');
    expect(code).toEqual({ pairingCode: 'K7M2QX9P', facilityId: 'f/1', expiresAt: '2026-05-01T10:10:00.000Z' });
  });

  test('rejects a pairing code without an expiry', async () => {
    responses.set('POST /facilities/f-1/pairing-codes', {
      status: 201,
      body: { pairingCode: 'K7M2QX9P', facilityId: 'f-1' },
    });

    await expect(createPairingCode(client(), 'f-1')).rejects.toMatchObject({
      code: clientErrorCodes.invalidResponse,
    });
  });
});

describe('admin guest register api', () => {
  const summary = {
    entryId: 'e-1',
    facilityId: 'f-1',
    arrivalDate: '2026-05-01',
    departureDate: '2026-05-03',
    guestCount: 2,
    guests: [
      { guestId: 'g-1', name: residentGuestName },
      { guestId: 'g-2', name: foreignGuestName },
    ],
  };

  test('sends filters and cursor as query parameters', async () => {
    responses.set('GET /register', { status: 200, body: { entries: [summary], nextCursor: 'c-2' } });

    const page = await listRegisterEntries(client(), {
      facilityId: 'f-1',
      from: '2026-05-01',
      to: '2026-05-31',
      cursor: 'c-1',
    });

    const query = new URL(requests[0].url, apiUrl).searchParams;
    expect(query.get('facilityId')).toBe('f-1');
    expect(query.get('from')).toBe('2026-05-01');
    expect(query.get('to')).toBe('2026-05-31');
    expect(query.get('cursor')).toBe('c-1');
    expect(page.entries).toEqual([summary]);
    expect(page.nextCursor).toBe('c-2');
  });

  test('accepts a last page without cursor', async () => {
    responses.set('GET /register', { status: 200, body: { entries: [] } });

    const page = await listRegisterEntries(client(), { facilityId: 'f-1' });

    expect(page.entries).toEqual([]);
    expect(page.nextCursor).toBeUndefined();
    expect(new URL(requests[0].url, apiUrl).searchParams.has('cursor')).toBe(false);
  });

  test('rejects a stay date that is not YYYY-MM-DD', async () => {
    responses.set('GET /register', {
      status: 200,
      body: { entries: [{ ...summary, arrivalDate: '2026/05/01' }] },
    });

    await expect(listRegisterEntries(client(), { facilityId: 'f-1' })).rejects.toMatchObject({
      code: clientErrorCodes.invalidResponse,
    });
  });

  test('parses every guest of an entry', async () => {
    responses.set('GET /register/e-1', {
      status: 200,
      body: {
        entryId: 'e-1',
        facilityId: 'f-1',
        arrivalDate: '2026-05-01',
        departureDate: '2026-05-03',
        consent,
        guestCount: 2,
        language: 'en',
        guests: [
          {
            guestId: 'g-1',
            name: residentGuestName,
            address: '東京都台東区検証1-2-3',
            occupation: '会社員',
            hasAddressInJapan: true,
          },
          {
            guestId: 'g-2',
            name: foreignGuestName,
            address: '1 Example Street, Testville',
            occupation: 'Engineer',
            hasAddressInJapan: false,
            nationality: 'GB',
            passportNumber: 'XX0000001',
            passportImageId: 'img-1',
          },
        ],
      },
    });

    const entry = await getRegisterEntry(client(), 'e-1');

    expect(entry.consent).toEqual(consent);
    expect(entry.guests).toHaveLength(2);
    expect(entry.guests[0].passportNumber).toBeUndefined();
    expect(entry.guests[1]).toMatchObject({ nationality: 'GB', passportNumber: 'XX0000001', passportImageId: 'img-1' });
  });

  test('returns a passport image as a data URL', async () => {
    responses.set('GET /register/e-1/images/img-1', {
      status: 200,
      body: { contentType: 'image/jpeg', dataBase64: '/9j/4AAQSkZJRg==' },
    });

    const image = await getGuestImage(client(), 'e-1', 'img-1');

    expect(toDataUrl(image)).toBe('data:image/jpeg;base64,/9j/4AAQSkZJRg==');
  });

  test('rejects an SVG image', async () => {
    responses.set('GET /register/e-1/images/img-1', {
      status: 200,
      body: { contentType: 'image/svg+xml', dataBase64: 'PHN2Zz48L3N2Zz4=' },
    });

    await expect(getGuestImage(client(), 'e-1', 'img-1')).rejects.toMatchObject({
      code: clientErrorCodes.invalidResponse,
    });
  });

  test('rejects image data that is not base64', async () => {
    responses.set('GET /register/e-1/images/img-1', {
      status: 200,
      body: { contentType: 'image/png', dataBase64: 'not base64!' },
    });

    await expect(getGuestImage(client(), 'e-1', 'img-1')).rejects.toMatchObject({
      code: clientErrorCodes.invalidResponse,
    });
  });
});

describe('admin api error messages', () => {
  test.each([
    [new ApiError(clientErrorCodes.network, 'x', 0), 'errors.network'],
    [new ApiError(clientErrorCodes.invalidResponse, 'x', 200), 'errors.invalidResponse'],
    [new ApiError(clientErrorCodes.notSignedIn, 'x', 401), 'errors.unauthorized'],
    [new ApiError('forbidden', 'x', 403), 'errors.forbidden'],
    [new ApiError('network_not_allowed', 'x', 403), 'errors.networkNotAllowed'],
    [new ApiError('mfa_required', 'x', 403), 'errors.mfaRequired'],
    [new ApiError('not_found', 'x', 404), 'errors.notFound'],
    [new ApiError('invalid_request', 'x', 400, 'from'), 'errors.invalidRequest'],
    [new ApiError('internal_error', 'x', 500), 'errors.server'],
    [new Error('boom'), 'errors.unknown'],
  ])('maps %p to %s', (error, key) => {
    expect(apiErrorMessage(error, 'ja').key).toBe(key);
  });

  test('names the rejected field by label', () => {
    const error = new ApiError('invalid_request', '開始日: 必須です / start date: required', 400, 'from');

    expect(apiErrorMessage(error, 'ja').values).toEqual({ detail: '開始日: 必須です' });
    expect(apiErrorMessage(error, 'en').values).toEqual({ detail: 'start date: required' });
  });
});

describe('admin audit log api', () => {
  const record = {
    auditId: 'a-1',
    at: '2026-05-01T08:00:00.000Z',
    userId: 'u-1',
    user: { displayName: '架空 一郎', email: 'ichiro@example.invalid' },
    category: 'pii-access',
    action: 'export',
    disclosure: 'full',
    resource: 'register-export',
    entryIds: ['e-1', 'e-2'],
  };

  test('sends user and period filters', async () => {
    responses.set('GET /audit-log', { status: 200, body: { records: [record] } });

    const page = await listAuditRecords(client(), { userId: 'u-1', from: '2026-05-01', to: '2026-05-31' });

    const url = new URL(requests[0].url, 'http://127.0.0.1');
    expect(url.searchParams.get('userId')).toBe('u-1');
    expect(url.searchParams.get('from')).toBe('2026-05-01');
    expect(url.searchParams.get('to')).toBe('2026-05-31');
    expect(page.records[0]).toMatchObject({ category: 'pii-access', entryIds: ['e-1', 'e-2'] });
  });

  test('omits empty filters', async () => {
    responses.set('GET /audit-log', { status: 200, body: { records: [] } });

    await listAuditRecords(client(), { userId: '', from: '', to: '' });

    expect(new URL(requests[0].url, 'http://127.0.0.1').search).toBe('');
  });

  test('reads user name and deleted user', async () => {
    responses.set('GET /audit-log', { status: 200, body: { records: [record, { ...record, auditId: 'a-2', userId: 'u-gone', user: null }] } });

    const page = await listAuditRecords(client(), {});

    expect(page.records[0]).toMatchObject({ user: { displayName: '架空 一郎', email: 'ichiro@example.invalid' } });
    expect(page.records[1]).toMatchObject({ userId: 'u-gone', user: null });
  });

  test('reads a deletion without user', async () => {
    const deletion = {
      auditId: 'a-3',
      at: '2026-05-02T00:00:00.000Z',
      category: 'data-deletion',
      action: 'tenant-offboarding',
      actor: 'platform:架空 運営者',
      phase: 'completed',
      entryIds: [],
    };
    responses.set('GET /audit-log', { status: 200, body: { records: [deletion] } });

    const page = await listAuditRecords(client(), {});

    expect(page.records[0]).toEqual(deletion);
  });

  test('reads an admin change', async () => {
    const change = {
      ...record,
      category: 'admin-change',
      action: 'facility.update',
      targetType: 'facility',
      targetIds: ['f-1'],
      changedFields: ['name'],
    };
    responses.set('GET /audit-log', { status: 200, body: { records: [change] } });

    const page = await listAuditRecords(client(), {});

    expect(page.records[0]).toMatchObject({ category: 'admin-change', action: 'facility.update', targetIds: ['f-1'] });
  });

  test('rejects an unknown action', async () => {
    responses.set('GET /audit-log', { status: 200, body: { records: [{ ...record, action: 'delete' }] } });

    await expect(listAuditRecords(client(), {})).rejects.toThrow();
  });
});

describe('admin register print', () => {
  test('print request names its purpose', async () => {
    responses.set('GET /register/e-1', {
      status: 200,
      body: { entryId: 'e-1', facilityId: 'f-1', arrivalDate: '2026-05-01', departureDate: '2026-05-02', consent, guests: [], disclosure: 'full' },
    });

    await getRegisterEntry(client(), 'e-1', 'print');
    await getRegisterEntry(client(), 'e-1');

    expect(new URL(requests[0].url, 'http://127.0.0.1').searchParams.get('purpose')).toBe('print');
    expect(new URL(requests[1].url, 'http://127.0.0.1').search).toBe('');
  });
});
