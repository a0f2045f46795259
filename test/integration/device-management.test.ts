import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyStructuredResultV2, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { claimsAsApiGatewayStrings, fetchJwks, JwtAuthorizer } from '../../local/api-gateway/jwt-authorizer';
import { apiEvent, operatorClaims } from './support/api-events';
import { startTestUserPool, type TestUserPool } from './support/cognito-pool';
import { credentials, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { readKioskSealingKey, sealLikeKiosk } from './support/kiosk-seal';

type Handler = (event: ReturnType<typeof apiEvent>) => Promise<APIGatewayProxyStructuredResultV2>;

const tenantA = 'tenant-devices-a';
const tenantB = 'tenant-devices-b';
const facilityA = 'facility-devices-a';
const facilityB = 'facility-devices-b';
// A facility of tenant A that the archive tests take out of service.
const facilityArchived = 'facility-devices-archived';
// A facility of tenant A archived while a kiosk pairs with it.
const facilityRaced = 'facility-devices-raced';
const ownerA = 'owner-devices-a';
const ownerB = 'owner-devices-b';
const staffA = 'staff-devices-a';
const staffElsewhere = 'staff-devices-elsewhere';

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

/** A kiosk paired through the real handler, with the claims its Cognito ID token carries. */
interface PairedKiosk {
  deviceId: string;
  username: string;
  password: string;
  claims: Record<string, string>;
}

// Handlers log JSON lines to stdout and stderr; the ingest tests read the rejection reasons there.
const loggedLines: string[] = [];
const ingestOutput = () => loggedLines.join('');

describe('device management', () => {
  let emulators: HandlerEmulators;
  let userPool: TestUserPool;
  let cognito: CognitoIdentityProviderClient;
  let authorizer: JwtAuthorizer;
  let handlers: Record<
    'pair' | 'heartbeat' | 'list' | 'rename' | 'revoke' | 'archive' | 'upload' | 'listEntries' | 'getEntry' | 'getImage',
    Handler
  >;
  let createPairingCode: (tenantId: string, facilityId: string) => Promise<string>;
  let ingest: typeof import('../../lambdas/check-in/ingest-check-in').handler;

  let restoreOutput: () => void = () => undefined;

  beforeAll(async () => {
    const restores = [process.stdout, process.stderr].map((stream) => {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        loggedLines.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => (stream.write = write);
    });
    restoreOutput = () => restores.forEach((restore) => restore());
    [emulators, userPool] = await Promise.all([startHandlerEmulators(), startTestUserPool()]);
    Object.assign(process.env, emulators.environment, {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: userPool.endpoint,
      USER_POOL_ID: userPool.userPoolId,
    });
    cognito = new CognitoIdentityProviderClient({ endpoint: userPool.endpoint, region, credentials });
    authorizer = new JwtAuthorizer({ issuer: userPool.issuer, audience: [userPool.kioskClientId] }, await fetchJwks(userPool.jwksUrl));

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { PairingCodeRepository } = require('../../lambdas/device/pairing-codes') as typeof import('../../lambdas/device/pairing-codes');
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    const facilities = new FacilityRepository(documentClient, 'Directory');
    for (const [tenantId, facilityId] of [
      [tenantA, facilityA],
      [tenantB, facilityB],
      [tenantA, facilityArchived],
      [tenantA, facilityRaced],
    ]) {
      if (facilityId === facilityA || facilityId === facilityB) {
        await new TenantRepository(documentClient, 'Directory').createTenant({
          tenantId,
          name: `検証民泊 ${tenantId}`,
          contactEmail: `${tenantId}@example.invalid`,
        });
      }
      await facilities.createFacility({
        tenantId,
        facilityId,
        name: `試験ハウス ${facilityId}`,
        licenceType: 'private-lodging',
        licenceNumber: 'M000000000',
        address: '架空県架空市1-1',
        officeId: 'office-devices',
        houseRules: { ja: '室内は禁煙です。', en: 'No smoking inside.' },
        entryCode: tenantId === tenantA ? '4721' : undefined,
      });
    }
    // Roles and offices come from the Directory record, whatever group the token claims.
    const tenants = new TenantRepository(documentClient, 'Directory');
    for (const [tenantId, userId, role, officeIds] of [
      [tenantA, ownerA, 'owner', []],
      [tenantB, ownerB, 'owner', []],
      [tenantA, staffA, 'staff', ['office-devices']],
      [tenantA, staffElsewhere, 'staff', ['office-elsewhere']],
    ] as const) {
      await tenants.putOperatorUser({ tenantId, userId, role, officeIds: [...officeIds], email: `${userId}@example.invalid` });
    }
    const pairingCodes = new PairingCodeRepository(documentClient, 'Directory');
    createPairingCode = async (tenantId, facilityId) =>
      (await pairingCodes.createPairingCode({ tenantId, facilityId, createdBy: 'test' })).code;

    const load = <T>(path: string) => (require(path) as { handler: T }).handler;
    handlers = {
      pair: load('../../lambdas/device/pair-device'),
      heartbeat: load('../../lambdas/device/report-heartbeat'),
      list: load('../../lambdas/device/list-devices'),
      rename: load('../../lambdas/device/rename-device'),
      revoke: load('../../lambdas/device/revoke-device'),
      archive: load('../../lambdas/facility/archive-facility'),
      upload: load('../../lambdas/check-in/create-image-upload'),
      listEntries: load('../../lambdas/guest-register/list-register-entries'),
      getEntry: load('../../lambdas/guest-register/get-register-entry'),
      getImage: load('../../lambdas/guest-register/get-guest-image'),
    };
    ingest = (require('../../lambdas/check-in/ingest-check-in') as typeof import('../../lambdas/check-in/ingest-check-in')).handler;
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    restoreOutput();
    cognito?.destroy();
    await Promise.all([emulators?.stop(), userPool?.stop()]);
  });

  async function signIn(username: string, password: string) {
    return cognito.send(
      new InitiateAuthCommand({
        ClientId: userPool.kioskClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
  }

  async function pairKiosk(tenantId = tenantA, facilityId = facilityA): Promise<PairedKiosk> {
    const paired = json(await handlers.pair(apiEvent({ body: { pairingCode: await createPairingCode(tenantId, facilityId) } })));
    const signedIn = await signIn(paired.username, paired.password);
    const payload = await authorizer.verify(`Bearer ${signedIn.AuthenticationResult!.IdToken}`);
    return { deviceId: paired.deviceId, username: paired.username, password: paired.password, claims: claimsAsApiGatewayStrings(payload!) };
  }

  const heartbeat = (kiosk: PairedKiosk, body: unknown = { appVersion: '0.1.0+test', pendingCount: 3 }) =>
    handlers.heartbeat(apiEvent({ claims: kiosk.claims, body }));

  const listDevices = (facilityId = facilityA, claims = operatorClaims(tenantA, ownerA)) =>
    handlers.list(apiEvent({ claims, pathParameters: { facilityId } }));

  /**
   * Runs the ingest handler on a stream record of a CheckIn as AppSync stores it, owned by the
   * kiosk's Cognito user, and returns the ids the handler reported as failed.
   */
  async function ingestCheckInOf(
    kiosk: PairedKiosk,
    facilityId: string,
    options: { lastChangedAt?: number; sealedCheckIn?: { id: string; sealed: string } } = {},
  ): Promise<string[]> {
    const newImage = marshall({
      id: options.sealedCheckIn?.id ?? randomUUID(),
      facilityId,
      arrivalDate: '2026-08-01',
      departureDate: '2026-08-02',
      guestCount: 1,
      imageIds: [],
      imagesUploaded: true,
      owner: `${kiosk.claims.sub}::${kiosk.claims['cognito:username']}`,
      sealed:
        options.sealedCheckIn?.sealed ??
        JSON.stringify({ v: 1, alg: 'RSA-OAEP-256+A256GCM', keyId: 'k', wrappedKey: 'AA==', iv: 'AA==', ciphertext: 'AA==' }),
      _version: 1,
      // By default stored now, as AppSync would stamp it, so after any revocation that a test made earlier.
      _lastChangedAt: options.lastChangedAt ?? Date.now(),
    });
    const sequenceNumber = String(Date.now());
    const result = await ingest({
      Records: [{ eventID: `event-${sequenceNumber}`, eventName: 'INSERT', dynamodb: { SequenceNumber: sequenceNumber, NewImage: newImage } }],
    } as unknown as DynamoDBStreamEvent);
    return result.batchItemFailures.map((failure) => failure.itemIdentifier);
  }

  describe('heartbeat', () => {
    test('records version, count and time', async () => {
      const kiosk = await pairKiosk();
      const before = Date.now();

      const result = await heartbeat(kiosk);

      expect(result.statusCode).toBe(200);
      const device = json(await listDevices()).devices.find((listed: { deviceId: string }) => listed.deviceId === kiosk.deviceId);
      expect(device).toMatchObject({ appVersion: '0.1.0+test', pendingCount: 3, online: true, status: 'active' });
      expect(Date.parse(device.lastSeenAt)).toBeGreaterThanOrEqual(before);
    });

    test('returns house rules and door code', async () => {
      const kiosk = await pairKiosk();

      const body = json(await heartbeat(kiosk));

      expect(body.facility).toEqual({ houseRules: { ja: '室内は禁煙です。', en: 'No smoking inside.' }, doorCode: '4721' });
      expect(body.device.name).toMatch(/^iPad [0-9A-F]{4}$/);
    });

    test('negative pending count names field', async () => {
      const kiosk = await pairKiosk();

      const result = await heartbeat(kiosk, { appVersion: '0.1.0', pendingCount: -1 });

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('pendingCount');
    });

    test('operator token rejected', async () => {
      const result = await handlers.heartbeat(apiEvent({ claims: operatorClaims(tenantA, ownerA), body: { appVersion: '1', pendingCount: 0 } }));

      expect(result.statusCode).toBe(403);
    });
  });

  describe('device list', () => {
    test('never-seen device is offline', async () => {
      const kiosk = await pairKiosk();

      const device = json(await listDevices()).devices.find((listed: { deviceId: string }) => listed.deviceId === kiosk.deviceId);

      expect(device).toMatchObject({ online: false, lastSeenAt: null, appVersion: null, pendingCount: null });
      expect(Object.keys(device)).not.toContain('cognitoUsername');
    });

    test('staff may list devices', async () => {
      const result = await listDevices(facilityA, operatorClaims(tenantA, staffA, 'staff'));

      expect(result.statusCode).toBe(200);
    });

    test('staff of another office gets 404', async () => {
      const kiosk = await pairKiosk();
      const claims = operatorClaims(tenantA, staffElsewhere, 'staff');

      const listed = await listDevices(facilityA, claims);
      const renamed = await handlers.rename(apiEvent({ claims, pathParameters: { deviceId: kiosk.deviceId }, body: { name: 'x' } }));
      const revoked = await handlers.revoke(apiEvent({ claims, pathParameters: { deviceId: kiosk.deviceId } }));

      expect(listed.statusCode).toBe(404);
      expect(renamed.statusCode).toBe(404);
      expect(revoked.statusCode).toBe(404);
      expect(json(await heartbeat(kiosk)).device.name).not.toBe('x');
    });

    test('unknown operator user rejected', async () => {
      const result = await listDevices(facilityA, operatorClaims(tenantA, 'not-a-user'));

      expect(result.statusCode).toBe(403);
    });

    test('other tenant facility is 404', async () => {
      const result = await listDevices(facilityA, operatorClaims(tenantB, ownerB));

      expect(result.statusCode).toBe(404);
    });

    test('lists only the facility devices', async () => {
      const kioskB = await pairKiosk(tenantB, facilityB);

      const listedA = json(await listDevices()).devices.map((device: { deviceId: string }) => device.deviceId);
      const listedB = json(await listDevices(facilityB, operatorClaims(tenantB, ownerB))).devices.map(
        (device: { deviceId: string }) => device.deviceId,
      );

      expect(listedA).not.toContain(kioskB.deviceId);
      expect(listedB).toEqual([kioskB.deviceId]);
    });

    test('kiosk token rejected', async () => {
      const kiosk = await pairKiosk();

      const result = await handlers.list(apiEvent({ claims: kiosk.claims, pathParameters: { facilityId: facilityA } }));

      expect(result.statusCode).toBe(403);
    });
  });

  describe('rename', () => {
    test('renames own device', async () => {
      const kiosk = await pairKiosk();

      const result = await handlers.rename(
        apiEvent({ claims: operatorClaims(tenantA, ownerA), pathParameters: { deviceId: kiosk.deviceId }, body: { name: ' 玄関の iPad ' } }),
      );

      expect(result.statusCode).toBe(200);
      expect(json(result).device.name).toBe('玄関の iPad');
      expect(json(await heartbeat(kiosk)).device.name).toBe('玄関の iPad');
    });

    test('empty name names field', async () => {
      const kiosk = await pairKiosk();

      const result = await handlers.rename(
        apiEvent({ claims: operatorClaims(tenantA, ownerA), pathParameters: { deviceId: kiosk.deviceId }, body: { name: '  ' } }),
      );

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('name');
      expect(json(result).error.message).toBe('端末名: 必須です / device name: required');
    });

    test('other tenant cannot rename', async () => {
      const kiosk = await pairKiosk();

      const result = await handlers.rename(
        apiEvent({ claims: operatorClaims(tenantB, ownerB), pathParameters: { deviceId: kiosk.deviceId }, body: { name: 'taken' } }),
      );

      expect(result.statusCode).toBe(404);
      const device = json(await listDevices()).devices.find((listed: { deviceId: string }) => listed.deviceId === kiosk.deviceId);
      expect(device.name).not.toBe('taken');
    });
  });

  describe('revoke', () => {
    let kiosk: PairedKiosk;
    let revokeResult: APIGatewayProxyStructuredResultV2;

    beforeAll(async () => {
      kiosk = await pairKiosk();
      revokeResult = await handlers.revoke(apiEvent({ claims: operatorClaims(tenantA, ownerA), pathParameters: { deviceId: kiosk.deviceId } }));
    });

    test('marks device revoked', async () => {
      expect(revokeResult.statusCode).toBe(200);
      const device = json(await listDevices()).devices.find((listed: { deviceId: string }) => listed.deviceId === kiosk.deviceId);
      expect(device).toMatchObject({ status: 'revoked', online: false });
      expect(device.revokedAt).toEqual(expect.any(String));
    });

    // Cognito refuses sign-in to a disabled user. cognito-local 5.3 does not (its InitiateAuth
    // ignores Enabled), so this checks the state Cognito acts on rather than a sign-in.
    test('disables the Cognito user', async () => {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: kiosk.username }));

      expect(user.Enabled).toBe(false);
    });

    test('heartbeat with old token rejected', async () => {
      const result = await heartbeat(kiosk);

      expect(result.statusCode).toBe(403);
      expect(json(result).error.code).toBe('device_revoked');
    });

    test('image upload rejected', async () => {
      const result = await handlers.upload(
        apiEvent({ claims: kiosk.claims, pathParameters: { checkInId: randomUUID() }, body: { imageId: randomUUID() } }),
      );

      expect(result.statusCode).toBe(403);
      expect(json(result).error.code).toBe('device_revoked');
    });

    test('synced check-in rejected at ingest', async () => {
      expect(await ingestCheckInOf(kiosk, facilityA)).toHaveLength(1);
      expect(ingestOutput()).toContain('No device that was active when check-in');
    });

    test('other tenant cannot revoke', async () => {
      const other = await pairKiosk();

      const result = await handlers.revoke(apiEvent({ claims: operatorClaims(tenantB, ownerB), pathParameters: { deviceId: other.deviceId } }));

      expect(result.statusCode).toBe(404);
      expect(json(await heartbeat(other)).device.deviceId).toBe(other.deviceId);
    });
  });

  /** Seals a check-in of one invented resident guest as the kiosk does, so that ingest can decrypt it. */
  async function sealResidentCheckIn(facilityId: string): Promise<{ id: string; sealed: string }> {
    const checkInId = randomUUID();
    const payload = {
      version: 1,
      checkInId,
      facilityId,
      arrivalDate: '2026-08-01',
      departureDate: '2026-08-02',
      language: 'en',
      consent: { acceptedAt: '2026-08-01T15:00:00+09:00', language: 'en' },
      guests: [{ guestId: 'g-archive', name: '架空 太郎', address: '架空県架空市1-1', occupation: '会社員', hasAddressInJapan: true }],
    };
    const { sealed } = await sealLikeKiosk({
      publicKeySpki: await readKioskSealingKey(emulators.environment),
      keyId: emulators.environment.KIOSK_SEALING_KEY_ID,
      checkInId,
      payload,
    });
    return { id: checkInId, sealed: JSON.stringify(sealed) };
  }

  describe('facility archive', () => {
    let archivedKiosks: PairedKiosk[];
    let revokedBefore: PairedKiosk;
    let otherFacilityKiosk: PairedKiosk;
    let sentBeforeArchive: number;
    let codeBeforeArchive: string;
    let archiveResult: APIGatewayProxyStructuredResultV2;

    beforeAll(async () => {
      archivedKiosks = [await pairKiosk(tenantA, facilityArchived), await pairKiosk(tenantA, facilityArchived)];
      revokedBefore = await pairKiosk(tenantA, facilityArchived);
      await handlers.revoke(apiEvent({ claims: operatorClaims(tenantA, ownerA), pathParameters: { deviceId: revokedBefore.deviceId } }));
      otherFacilityKiosk = await pairKiosk(tenantA, facilityA);
      codeBeforeArchive = await createPairingCode(tenantA, facilityArchived);
      sentBeforeArchive = Date.now();
      // The revocation time is a millisecond ISO string, so this keeps the check-in strictly before it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      archiveResult = await handlers.archive(
        apiEvent({ claims: operatorClaims(tenantA, ownerA), pathParameters: { facilityId: facilityArchived } }),
      );
    });

    test('revokes the facility devices', async () => {
      expect(archiveResult.statusCode).toBe(200);
      const listed = json(await listDevices(facilityArchived)).devices as { deviceId: string; status: string }[];
      for (const kiosk of archivedKiosks) {
        expect(listed.find((device) => device.deviceId === kiosk.deviceId)).toMatchObject({ status: 'revoked' });
      }
    });

    test('disables their Cognito users', async () => {
      for (const kiosk of archivedKiosks) {
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: kiosk.username }));
        expect(user.Enabled).toBe(false);
      }
    });

    test('writes one audit record per device', async () => {
      const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
      const { QueryCommand } = require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
      const audit = await documentClient.send(
        new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantA}` } }),
      );
      const revokedIds = (audit.Items ?? [])
        .filter((record) => record.action === 'device.revoke')
        .flatMap((record) => record.targetIds as string[]);
      for (const kiosk of [...archivedKiosks, revokedBefore]) {
        expect(revokedIds.filter((deviceId) => deviceId === kiosk.deviceId)).toHaveLength(1);
      }
      const archiveRecords = (audit.Items ?? []).filter(
        (record) => record.action === 'facility.archive' && (record.targetIds as string[]).includes(facilityArchived),
      );
      expect(archiveRecords).toHaveLength(1);
    });

    test('heartbeat rejected after archive', async () => {
      const result = await heartbeat(archivedKiosks[0]);

      expect(result.statusCode).toBe(403);
      expect(json(result).error.code).toBe('device_revoked');
    });

    test('check-in sent before archive ingested', async () => {
      const sealedCheckIn = await sealResidentCheckIn(facilityArchived);

      expect(await ingestCheckInOf(archivedKiosks[1], facilityArchived, { lastChangedAt: sentBeforeArchive, sealedCheckIn })).toEqual([]);
    });

    test('check-in sent after archive rejected', async () => {
      expect(await ingestCheckInOf(archivedKiosks[1], facilityArchived)).toHaveLength(1);
    });

    test('pairing code from before archive rejected', async () => {
      const result = await handlers.pair(apiEvent({ body: { pairingCode: codeBeforeArchive } }));

      expect(result.statusCode).toBe(409);
      expect(json(result).error.field).toBe('facilityId');
    });

    test('pairing during archive rejected', async () => {
      const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
      const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
      const pairingCode = await createPairingCode(tenantA, facilityRaced);
      const readFacility = FacilityRepository.prototype.getFacility;
      let archiveStatus: number | undefined;
      // Pairing reads the facility as active, then the archive is stored before pairing stores its device.
      const read = jest.spyOn(FacilityRepository.prototype, 'getFacility').mockImplementationOnce(async function (this: InstanceType<typeof FacilityRepository>, tenantId, facilityId) {
        const facility = await readFacility.call(this, tenantId, facilityId);
        const archive = await handlers.archive(apiEvent({ claims: operatorClaims(tenantA, ownerA), pathParameters: { facilityId: facilityRaced } }));
        archiveStatus = archive.statusCode;
        return facility;
      });
      const store = jest.spyOn(DeviceRepository.prototype, 'createDevice');
      let result: APIGatewayProxyStructuredResultV2;
      let stored: Parameters<InstanceType<typeof DeviceRepository>['createDevice']>[];
      try {
        result = await handlers.pair(apiEvent({ body: { pairingCode } }));
      } finally {
        stored = [...store.mock.calls];
        read.mockRestore();
        store.mockRestore();
      }

      expect(archiveStatus).toBe(200);
      expect(result.statusCode).toBe(409);
      expect(json(result).error.field).toBe('facilityId');
      expect(json(await listDevices(facilityRaced)).devices).toEqual([]);
      expect(stored).toHaveLength(1);
      const signInName = stored[0][0].signInName!;
      await expect(cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: signInName }))).rejects.toMatchObject({
        name: 'UserNotFoundException',
      });
    });

    test('repeated archive revokes remaining devices', async () => {
      const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
      const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
      const { createDeviceAccount } = require('../../lambdas/device/device-accounts') as typeof import('../../lambdas/device/device-accounts');
      // A device left active by an archive call that failed after storing the archive.
      const deviceId = randomUUID();
      const account = await createDeviceAccount(cognito, userPool.userPoolId, { deviceId, tenantId: tenantA, facilityId: facilityArchived });
      await new DeviceRepository(documentClient, 'Directory').createDevice({
        tenantId: tenantA,
        facilityId: facilityArchived,
        deviceId,
        cognitoUsername: account.cognitoUsername,
        signInName: account.signInName,
        status: 'active',
        pairedAt: new Date().toISOString(),
      });

      const result = await handlers.archive(apiEvent({ claims: operatorClaims(tenantA, ownerA), pathParameters: { facilityId: facilityArchived } }));

      expect(result.statusCode).toBe(409);
      const listed = json(await listDevices(facilityArchived)).devices as { deviceId: string; status: string }[];
      expect(listed.find((device) => device.deviceId === deviceId)).toMatchObject({ status: 'revoked' });
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: account.signInName }));
      expect(user.Enabled).toBe(false);
    });

    test('other facility devices stay active', async () => {
      const listed = json(await listDevices(facilityA)).devices as { deviceId: string; status: string }[];
      expect(listed.find((device) => device.deviceId === otherFacilityKiosk.deviceId)).toMatchObject({ status: 'active' });
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: otherFacilityKiosk.username }));
      expect(user.Enabled).toBe(true);
      expect(json(await heartbeat(otherFacilityKiosk)).device.deviceId).toBe(otherFacilityKiosk.deviceId);
    });
  });

  describe('cross-tenant device', () => {
    test('check-in for other tenant facility rejected', async () => {
      const kiosk = await pairKiosk();

      expect(await ingestCheckInOf(kiosk, facilityB)).toHaveLength(1);
      expect(ingestOutput()).toContain('names another facility than its device');
    });

    test.each(['listEntries', 'getEntry', 'getImage'] as const)('%s rejects device token', async (name) => {
      const kiosk = await pairKiosk();

      const result = await handlers[name](
        apiEvent({
          claims: kiosk.claims,
          pathParameters: { entryId: randomUUID(), imageId: randomUUID() },
          queryStringParameters: { facilityId: facilityA },
        }),
      );

      expect(result.statusCode).toBe(403);
    });

    test('device cannot list devices of other tenant', async () => {
      const kiosk = await pairKiosk();

      const result = await handlers.list(apiEvent({ claims: kiosk.claims, pathParameters: { facilityId: facilityB } }));

      expect(result.statusCode).toBe(403);
    });
  });
});
