import type { Permission } from '../../lambdas/organisation/permissions';

/**
 * Ids of the resources the isolation test creates in tenant A: one office ("north") with one
 * facility, and a staff user of that office.
 */
export interface IsolationFixture {
  readonly facilityId: string;
  readonly officeId: string;
  readonly userId: string;
  /** A valid body for facility create and edit routes, pointing at the north office. */
  readonly facilityBody: Record<string, unknown>;
  /** A one-row import file that names the north office and the fixture's licence number. */
  readonly importCsv: string;
}

export interface IsolationRequest {
  /** Path with every parameter filled in, optionally with a query string. */
  readonly path: string;
  readonly body?: unknown;
}

/** How the isolation test calls one operator route of lib/api/routes.ts. */
export interface IsolationCase {
  /**
   * The permission the handler requires, or null for a route every active user may call (/me).
   * Staff users get 403 on routes whose permission their role lacks.
   */
  readonly permission: Permission | null;
  /**
   * Whether the request names a resource of tenant A's north office (a path id, a query id or an
   * office in the body). Then any caller outside that office must get 403 or 404. Routes that
   * list or create in the caller's own scope may answer 2xx, but without the other party's data.
   */
  readonly targetsOfficeData: boolean;
  readonly request: (fixture: IsolationFixture) => IsolationRequest;
}

/**
 * One entry per operator route, keyed `METHOD path` exactly as in lib/api/routes.ts. The
 * isolation test fails for an operator route without an entry, so a new route is tested the day
 * it is added.
 */
export const isolationMatrix: Readonly<Record<string, IsolationCase>> = {
  'GET /me': { permission: null, targetsOfficeData: false, request: () => ({ path: '/me' }) },
  'POST /me/mfa': { permission: null, targetsOfficeData: false, request: () => ({ path: '/me/mfa' }) },
  'GET /facilities': { permission: 'facility:read', targetsOfficeData: false, request: () => ({ path: '/facilities' }) },
  'POST /facilities': {
    permission: 'facility:write',
    targetsOfficeData: true,
    request: (fixture) => ({ path: '/facilities', body: { ...fixture.facilityBody, licenceNumber: 'M139999999' } }),
  },
  'GET /facilities/{facilityId}': {
    permission: 'facility:read',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/facilities/${fixture.facilityId}` }),
  },
  'PUT /facilities/{facilityId}': {
    permission: 'facility:write',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/facilities/${fixture.facilityId}`, body: { ...fixture.facilityBody, name: '書き換え' } }),
  },
  'POST /facilities/{facilityId}/archive': {
    permission: 'facility:write',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/facilities/${fixture.facilityId}/archive` }),
  },
  'POST /facilities/{facilityId}/pairing-codes': {
    permission: 'device:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/facilities/${fixture.facilityId}/pairing-codes` }),
  },
  'GET /facilities/{facilityId}/devices': {
    permission: 'device:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/facilities/${fixture.facilityId}/devices` }),
  },
  // NOTE: the fixture pairs no kiosk, so these two return 404 to every caller. Renaming and
  // revoking a paired kiosk across offices and tenants is tested in device-management.test.ts.
  'POST /devices/{deviceId}/rename': {
    permission: 'device:manage',
    targetsOfficeData: true,
    request: () => ({ path: '/devices/device-of-tenant-a/rename', body: { name: '玄関の端末' } }),
  },
  'POST /devices/{deviceId}/revoke': {
    permission: 'device:manage',
    targetsOfficeData: true,
    request: () => ({ path: '/devices/device-of-tenant-a/revoke' }),
  },
  'GET /offices': { permission: 'facility:read', targetsOfficeData: false, request: () => ({ path: '/offices' }) },
  'POST /offices': { permission: 'user:manage', targetsOfficeData: false, request: () => ({ path: '/offices', body: { name: '新拠点' } }) },
  'PUT /offices/{officeId}': {
    permission: 'user:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/offices/${fixture.officeId}`, body: { name: '書き換え拠点' } }),
  },
  'GET /audit-log': { permission: 'audit:read', targetsOfficeData: false, request: () => ({ path: '/audit-log' }) },
  'POST /support/requests': {
    permission: null,
    targetsOfficeData: false,
    request: () => ({ path: '/support/requests', body: { category: 'question', subject: '分離テスト', message: '分離テストの問い合わせです。' } }),
  },
  'GET /register': {
    permission: 'register:read',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/register?facilityId=${fixture.facilityId}` }),
  },
  // NOTE: the fixture has no register entries, so these two return 404 to every caller. The
  // office scope of existing entries is tested in check-in-ingest.test.ts.
  'GET /register/{entryId}': {
    permission: 'register:read',
    targetsOfficeData: true,
    request: () => ({ path: '/register/entry-of-tenant-a' }),
  },
  'GET /register/{entryId}/images/{imageId}': {
    permission: 'register:read',
    targetsOfficeData: true,
    request: () => ({ path: '/register/entry-of-tenant-a/images/image-of-tenant-a' }),
  },
  // NOTE: like the two routes above, this one finds no entry in the fixture; register-correction
  // tests a correction of an existing entry.
  'PATCH /register/{entryId}': {
    permission: 'register:correct',
    targetsOfficeData: true,
    request: () => ({
      path: '/register/entry-of-tenant-a',
      body: { revision: 0, reason: '隔離の確認', guests: [{ guestId: 'g1', occupation: '会社員' }] },
    }),
  },
  // NOTE: like the routes above, this one finds no entry in the fixture; the long-stay test in
  // register-correction.test.ts covers a real entry.
  'POST /register/{entryId}/long-stay-confirmations': {
    permission: 'register:confirm-stay',
    targetsOfficeData: true,
    request: () => ({ path: '/register/entry-of-tenant-a/long-stay-confirmations' }),
  },
  'GET /long-stays': {
    permission: 'register:read',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/long-stays?facilityId=${fixture.facilityId}` }),
  },
  'POST /register/exports': {
    permission: 'register:export',
    targetsOfficeData: true,
    request: (fixture) => ({
      path: '/register/exports',
      body: { exportId: '6f1d9a52-3c1e-4d7e-9a51-0c2f4b7e8d10', facilityId: fixture.facilityId, from: '2026-01-01', to: '2026-01-31', format: 'csv' },
    }),
  },
  'POST /register/pdf-exports': {
    permission: 'register:export',
    targetsOfficeData: true,
    request: (fixture) => ({
      path: '/register/pdf-exports',
      body: { exportId: '0b9e4c27-5d3a-4f61-8c2e-7a14d6e9f305', facilityId: fixture.facilityId, from: '2026-01-01', to: '2026-01-31' },
    }),
  },
  'GET /register/exports/{exportId}': {
    permission: 'register:export',
    targetsOfficeData: true,
    request: () => ({ path: '/register/exports/6f1d9a52-3c1e-4d7e-9a51-0c2f4b7e8d10' }),
  },
  'GET /reports/periodic': {
    permission: 'report:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/reports/periodic?facilityId=${fixture.facilityId}` }),
  },
  'PUT /reports/periodic/{facilityId}/{periodId}/status': {
    permission: 'report:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/reports/periodic/${fixture.facilityId}/2026-06/status`, body: { status: 'submitted' } }),
  },
  'GET /reports/periodic/export': {
    permission: 'report:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/reports/periodic/export?periodId=2026-06&facilityId=${fixture.facilityId}` }),
  },
  'GET /reports/annual-days': {
    permission: 'report:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/reports/annual-days?facilityId=${fixture.facilityId}` }),
  },
  'GET /users': { permission: 'user:manage', targetsOfficeData: false, request: () => ({ path: '/users' }) },
  'POST /users': {
    permission: 'user:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: '/users', body: { email: 'invitee@example.invalid', role: 'staff', officeIds: [fixture.officeId] } }),
  },
  'PUT /users/{userId}': {
    permission: 'user:manage',
    targetsOfficeData: true,
    request: (fixture) => ({ path: `/users/${fixture.userId}`, body: { status: 'disabled' } }),
  },
  'GET /tenant/settings': { permission: 'user:manage', targetsOfficeData: false, request: () => ({ path: '/tenant/settings' }) },
  'PUT /tenant/ip-allowlist': {
    permission: 'user:manage',
    targetsOfficeData: false,
    request: () => ({ path: '/tenant/ip-allowlist', body: { ipAllowlist: ['127.0.0.0/8', '::1/128'] } }),
  },
  'GET /facility-imports/template': {
    permission: 'facility:write',
    targetsOfficeData: false,
    request: () => ({ path: '/facility-imports/template' }),
  },
  'POST /facility-imports/preview': {
    permission: 'facility:write',
    targetsOfficeData: false,
    request: (fixture) => ({ path: '/facility-imports/preview', body: { fileBase64: Buffer.from(fixture.importCsv).toString('base64') } }),
  },
  'POST /facility-imports': {
    permission: 'facility:write',
    targetsOfficeData: false,
    request: (fixture) => ({ path: '/facility-imports', body: { rows: [{ rowNumber: 2, input: { ...fixture.facilityBody, name: '書き換え' } }] } }),
  },
};
