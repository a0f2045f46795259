import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AdminDisableUserCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { routes } from '../../lib/api/routes';
import { FacilityRepository } from '../../lambdas/facility/facility-repository';
import { OfficeRepository } from '../../lambdas/organisation/office-repository';
import { allows } from '../../lambdas/organisation/permissions';
import { TenantRepository } from '../../lambdas/organisation/tenant-repository';
import { isolationMatrix, type IsolationCase, type IsolationFixture } from './isolation-matrix';
import { createPoolUser, localCognito, resignedCopyOf, signIn, systemEnv } from './support/operator-accounts';

/**
 * Calls every operator route of lib/api/routes.ts through the local API gateway, with real
 * cognito-local tokens, as each party that must not reach tenant A's north office.
 */
const run = randomUUID().slice(0, 8);
const tenantA = `iso-a-${run}`;
const tenantB = `iso-b-${run}`;
const north = `office-north-${run}`;
const south = `office-south-${run}`;
const facilityId = `facility-north-${run}`;
/** Strings only tenant A's north office has; none may appear in a response to an outside party. */
const northMarkers = [facilityId, `架空荘アイソレーション${run}`, north, `北拠点${run}`, `M13${run.replace(/\D/g, '').padEnd(7, '0').slice(0, 7)}`];
const tenantAMarkers = [...northMarkers, tenantA, `検証A社${run}`, `owner-a-${run}@example.invalid`, `staff-north-${run}@example.invalid`];

const operatorRoutes = routes.filter((route) => route.auth === 'operator').map((route) => `${route.method} ${route.path}`);

type Party =
  | 'no token'
  | 'expired token'
  | 'other tenant owner'
  | 'staff of other office'
  | 'staff on owner-only route'
  | 'kiosk device'
  | 'disabled owner';

interface Tokens {
  ownerA: string;
  staffNorth: string;
  staffSouth: string;
  ownerB: string;
  kiosk: string;
  /** Issued before the owner of tenant A disabled this user, so still unexpired. */
  disabledOwner: string;
}

async function call(caseOf: IsolationCase, method: string, fixture: IsolationFixture, token: string | undefined): Promise<{ status: number; text: string }> {
  const request = caseOf.request(fixture);
  const response = await fetch(`${systemEnv('OS_API_URL')}${request.path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  return { status: response.status, text: await response.text() };
}

function expectNoMarkers(text: string, markers: readonly string[]): void {
  for (const marker of markers) expect(text).not.toContain(marker);
}

describe('admin route isolation', () => {
  let cognito: CognitoIdentityProviderClient;
  let dynamo: DynamoDBClient;
  let facilities: FacilityRepository;
  let offices: OfficeRepository;
  let tenants: TenantRepository;
  let tokens: Tokens;
  let fixture: IsolationFixture;

  beforeAll(async () => {
    cognito = localCognito();
    dynamo = new DynamoDBClient({
      endpoint: systemEnv('OS_DYNAMODB_ENDPOINT'),
      region: systemEnv('OS_REGION'),
      credentials: { accessKeyId: systemEnv('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: systemEnv('OS_AWS_SECRET_ACCESS_KEY') },
    });
    const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
    const table = systemEnv('OS_DIRECTORY_TABLE');
    tenants = new TenantRepository(documents, table);
    offices = new OfficeRepository(documents, table);
    facilities = new FacilityRepository(documents, table);

    await tenants.createTenant({ tenantId: tenantA, name: `検証A社${run}`, contactEmail: `owner-a-${run}@example.invalid` });
    await tenants.createTenant({ tenantId: tenantB, name: `検証B社${run}`, contactEmail: `owner-b-${run}@example.invalid` });
    await offices.createOffice({ tenantId: tenantA, officeId: north, name: `北拠点${run}` });
    await offices.createOffice({ tenantId: tenantA, officeId: south, name: `南拠点${run}` });
    const facilityBody = {
      name: `架空荘アイソレーション${run}`,
      licenceType: 'private-lodging',
      licenceNumber: northMarkers[4],
      postalCode: '111-0032',
      prefecture: '東京都',
      city: '台東区',
      street: '架空1-1',
      capacity: 2,
      officeId: north,
    };
    await facilities.addFacility(tenantA, facilityId, {
      name: facilityBody.name,
      licenceType: 'private-lodging',
      licenceNumber: facilityBody.licenceNumber,
      address: '〒111-0032 東京都台東区架空1-1',
      officeId: north,
    });

    const accounts = [
      { key: 'ownerA', tenantId: tenantA, email: `owner-a-${run}@example.invalid`, role: 'owner', officeIds: [] },
      { key: 'staffNorth', tenantId: tenantA, email: `staff-north-${run}@example.invalid`, role: 'staff', officeIds: [north] },
      { key: 'staffSouth', tenantId: tenantA, email: `staff-south-${run}@example.invalid`, role: 'staff', officeIds: [south] },
      { key: 'ownerB', tenantId: tenantB, email: `owner-b-${run}@example.invalid`, role: 'owner', officeIds: [] },
      { key: 'disabledOwner', tenantId: tenantA, email: `owner-disabled-${run}@example.invalid`, role: 'owner', officeIds: [] },
    ] as const;
    const issued: Partial<Tokens> = {};
    let staffNorthId = '';
    for (const account of accounts) {
      const userId = await createPoolUser(cognito, { email: account.email, tenantId: account.tenantId, group: account.role });
      await tenants.putOperatorUser({ tenantId: account.tenantId, userId, email: account.email, role: account.role, officeIds: [...account.officeIds] });
      issued[account.key] = await signIn(cognito, systemEnv('OS_ADMIN_CLIENT_ID'), account.email);
      if (account.key === 'staffNorth') staffNorthId = userId;
      if (account.key === 'disabledOwner') {
        // As update-user.ts does: the Directory record first, then the Cognito user.
        await tenants.updateOperatorUser((await tenants.getOperatorUser(tenantA, userId))!, { status: 'disabled' });
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: systemEnv('OS_USER_POOL_ID'), Username: account.email }));
      }
    }
    const kioskEmail = `kiosk-${run}@devices.open-sesame.invalid`;
    await createPoolUser(cognito, { email: kioskEmail, tenantId: tenantA, group: 'kiosk', facilityId });
    issued.kiosk = await signIn(cognito, systemEnv('OS_KIOSK_CLIENT_ID'), kioskEmail);
    tokens = issued as Tokens;
    const importCsv = `施設名,営業種別,届出番号・許可番号,郵便番号,都道府県,市区町村,番地,定員,拠点名\n書き換え,住宅宿泊事業,${facilityBody.licenceNumber},111-0032,東京都,台東区,架空1-1,2,北拠点${run}\n`;
    fixture = { facilityId, officeId: north, userId: staffNorthId, facilityBody, importCsv };
  }, 120_000);

  afterAll(() => {
    cognito?.destroy();
    dynamo?.destroy();
  });

  test('every operator route has an entry', () => {
    const missing = operatorRoutes.filter((key) => !(key in isolationMatrix));

    expect(missing).toEqual([]);
  });

  test('every entry names a route', () => {
    const stale = Object.keys(isolationMatrix).filter((key) => !operatorRoutes.includes(key));

    expect(stale).toEqual([]);
  });

  test('re-signed valid token accepted', async () => {
    const result = await call(isolationMatrix['GET /me'], 'GET', fixture, resignedCopyOf(tokens.ownerA, 3600));

    expect(result.status).toBe(200);
  });

  test('owner of tenant A reaches fixture', async () => {
    const result = await call(isolationMatrix['GET /facilities/{facilityId}'], 'GET', fixture, tokens.ownerA);

    expect(result.status).toBe(200);
    expect(result.text).toContain(facilityId);
  });

  const cases: [string, Party][] = operatorRoutes.flatMap((routeKey) => {
    const entry = isolationMatrix[routeKey];
    const parties: Party[] = ['no token', 'expired token', 'other tenant owner', 'staff of other office', 'kiosk device', 'disabled owner'];
    if (entry && entry.permission !== null && !allows('staff', entry.permission)) parties.push('staff on owner-only route');
    return parties.map((party) => [routeKey, party] as [string, Party]);
  });

  test.each(cases)('%s as %s', async (routeKey, party) => {
    const entry = isolationMatrix[routeKey];
    expect(entry).toBeDefined();
    const method = routeKey.split(' ')[0];

    switch (party) {
      case 'no token':
      case 'expired token':
      case 'kiosk device': {
        const token = { 'no token': undefined, 'expired token': resignedCopyOf(tokens.ownerA, -3600), 'kiosk device': tokens.kiosk }[party];
        const result = await call(entry, method, fixture, token);
        expect(result.status).toBe(401);
        expectNoMarkers(result.text, tenantAMarkers);
        return;
      }
      case 'other tenant owner': {
        const result = await call(entry, method, fixture, tokens.ownerB);
        if (entry.targetsOfficeData) expect([403, 404]).toContain(result.status);
        else expect(result.status).toBeLessThan(500);
        expectNoMarkers(result.text, tenantAMarkers);
        return;
      }
      case 'staff of other office': {
        const result = await call(entry, method, fixture, tokens.staffSouth);
        if (entry.permission !== null && !allows('staff', entry.permission)) expect(result.status).toBe(403);
        else if (entry.targetsOfficeData) expect([403, 404]).toContain(result.status);
        else expect(result.status).toBeLessThan(500);
        expectNoMarkers(result.text, northMarkers);
        return;
      }
      case 'disabled owner': {
        const result = await call(entry, method, fixture, tokens.disabledOwner);
        expect(result.status).toBe(403);
        expect(JSON.parse(result.text).error).toMatchObject({ code: 'user_disabled', message: expect.stringContaining('このアカウントは無効にされています') });
        expectNoMarkers(result.text, tenantAMarkers);
        return;
      }
      case 'staff on owner-only route': {
        const result = await call(entry, method, fixture, tokens.staffNorth);
        expect(result.status).toBe(403);
        return;
      }
    }
  });

  test('fixture unchanged afterwards', async () => {
    const facility = await facilities.getFacility(tenantA, facilityId);
    const office = await offices.getOffice(tenantA, north);

    expect(facility).toMatchObject({ name: northMarkers[1], status: 'active', officeId: north });
    expect(office?.name).toBe(northMarkers[3]);
    expect(await facilities.listFacilities(tenantB)).toEqual([]);
    const staffNorth = await tenants.getOperatorUser(tenantA, fixture.userId);
    expect(staffNorth).toMatchObject({ status: 'active', role: 'staff', officeIds: [north] });
  });
});
