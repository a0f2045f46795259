import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';
import { apiEvent } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { checkInTable, credentials, imagesBucket, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { readKioskSealingKey, sealLikeKiosk } from './support/kiosk-seal';

type HandOverCheckIn = typeof import('../../lambdas/check-in/hand-over-check-in').handler;

const tenantId = 'tenant-handover';
const otherTenantId = 'tenant-handover-other';
const facilityId = 'facility-handover-1';
const otherFacilityId = 'facility-handover-2';
/** The operator revoked the first tablet at this time, an hour after it sent its check-ins. */
const revokedAt = '2026-12-01T10:00:00.000Z';
const sentBeforeRevocation = Date.parse(revokedAt) - 3_600_000;

interface TestDevice {
  tenantId: string;
  facilityId: string;
  deviceId: string;
  cognitoUsername: string;
  status: 'active' | 'revoked';
}

function testDevice(deviceId: string, status: 'active' | 'revoked', facility = facilityId, tenant = tenantId): TestDevice {
  return { tenantId: tenant, facilityId: facility, deviceId, cognitoUsername: `kiosk-${deviceId}@devices.open-sesame.invalid`, status };
}

/** The revoked tablet that sent the check-ins, and the kiosk re-paired in its place. */
const revokedOwner = testDevice('device-handover-revoked', 'revoked');
const repaired = testDevice('device-handover-repaired', 'active');
const activeOwner = testDevice('device-handover-active', 'active');
const revokedCaller = testDevice('device-handover-revoked-caller', 'revoked');
const otherFacilityOwner = testDevice('device-handover-other-facility', 'revoked', otherFacilityId);
const otherTenantOwner = testDevice('device-handover-other-tenant', 'revoked', facilityId, otherTenantId);

/** An invented guest: no real person. */
const foreignGuest = {
  guestId: 'g-handover',
  name: 'Ferdinanda Probatio',
  address: '7 Imaginary Row, Elsewhere',
  occupation: 'Lighthouse keeper',
  hasAddressInJapan: false,
  nationality: 'IE',
  passportNumber: 'FP7654321',
};
const piiStrings = [foreignGuest.name, foreignGuest.address, foreignGuest.passportNumber, foreignGuest.occupation];

function kioskClaims(device: TestDevice): Record<string, string> {
  return {
    sub: `sub-of-${device.deviceId}`,
    'cognito:username': device.cognitoUsername,
    'custom:tenantId': device.tenantId,
    'custom:facilityId': device.facilityId,
    'cognito:groups': '[kiosk]',
  };
}

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('check-in handover', () => {
  let emulators: HandlerEmulators;
  let handOver: HandOverCheckIn;
  let s3: S3Client;
  let publicKeySpki: Uint8Array;
  let output: ReturnType<typeof captureOutput>;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    output = captureOutput();

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    const tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '引継検証株式会社', contactEmail: 'handover@example.invalid' });
    await tenants.createTenant({ tenantId: otherTenantId, name: '他社', contactEmail: 'other@example.invalid' });
    await new FacilityRepository(documentClient, 'Directory').createFacility({
      tenantId,
      facilityId,
      name: '引継ハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M000000001',
      address: '架空県架空市2-2',
      officeId: 'office-handover',
    });
    const devices = new DeviceRepository(documentClient, 'Directory');
    const pairedAt = '2026-11-01T00:00:00.000Z';
    for (const device of [revokedOwner, repaired, activeOwner, revokedCaller, otherFacilityOwner, otherTenantOwner]) {
      await devices.createDevice({ ...device, pairedAt, ...(device.status === 'revoked' ? { revokedAt, revokedBy: 'operator-handover' } : {}) });
    }

    handOver = (require('../../lambdas/check-in/hand-over-check-in') as typeof import('../../lambdas/check-in/hand-over-check-in')).handler;
    s3 = new S3Client({ endpoint: emulators.environment.AWS_ENDPOINT_URL_S3, region, credentials, forcePathStyle: true });
    publicKeySpki = await readKioskSealingKey(emulators.environment);
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    s3?.destroy();
    await emulators?.stop();
  });

  /**
   * Stores a check-in with one passport image as AppSync does for `owner`, not yet marked
   * `imagesUploaded`, and returns its sealed image, which the test uploads where it needs it.
   */
  async function storeCheckIn(options: { owner?: TestDevice; lastChangedAt?: number } = {}) {
    const owner = options.owner ?? revokedOwner;
    const checkInId = randomUUID();
    const imageId = randomUUID();
    const image = randomBytes(2048);
    const payload = {
      version: 1,
      checkInId,
      facilityId: owner.facilityId,
      arrivalDate: '2026-11-30',
      departureDate: '2026-12-02',
      language: 'en',
      consent: { acceptedAt: '2026-11-30T15:00:00+09:00', language: 'en' },
      guests: [{ ...foreignGuest, passportImageId: imageId }],
    };
    const { sealed, sealedImages } = await sealLikeKiosk({
      publicKeySpki,
      keyId: emulators.environment.KIOSK_SEALING_KEY_ID,
      checkInId,
      payload,
      images: { [imageId]: image },
    });
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    await documentClient.send(
      new PutCommand({
        TableName: checkInTable,
        Item: {
          id: checkInId,
          facilityId: owner.facilityId,
          arrivalDate: payload.arrivalDate,
          departureDate: payload.departureDate,
          guestCount: 1,
          imageIds: [imageId],
          imagesUploaded: false,
          sealed: JSON.stringify(sealed),
          owner: `sub-of-${owner.deviceId}::${owner.cognitoUsername}`,
          _version: 1,
          _lastChangedAt: options.lastChangedAt ?? sentBeforeRevocation,
        },
      }),
    );
    return { checkInId, imageId, sealedImage: sealedImages[imageId] };
  }

  /** Uploads a sealed image under a device's `incoming/` prefix, as the presigned PUT does. */
  async function uploadImage(device: TestDevice, checkInId: string, imageId: string, bytes: Buffer): Promise<void> {
    await s3.send(new PutObjectCommand({ Bucket: imagesBucket, Key: `incoming/${device.deviceId}/${checkInId}/${imageId}`, Body: bytes }));
  }

  function requestHandover(checkInId: string, caller: TestDevice = repaired) {
    return handOver(apiEvent({ claims: kioskClaims(caller), pathParameters: { checkInId } }));
  }

  async function entriesOf(checkInId: string): Promise<Record<string, unknown>[]> {
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const result = await documentClient.send(
      new QueryCommand({
        TableName: 'Register',
        IndexName: 'byFacilityArrival',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}#FACILITY#${facilityId}` },
      }),
    );
    return (result.Items ?? []).filter((item) => item.checkInId === checkInId);
  }

  async function storedRecord(checkInId: string): Promise<Record<string, unknown> | undefined> {
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    return (await documentClient.send(new GetCommand({ TableName: checkInTable, Key: { id: checkInId }, ConsistentRead: true }))).Item;
  }

  async function objectExists(key: string): Promise<boolean> {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: imagesBucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'NotFound') return false;
      throw error;
    }
  }

  test('handover ingests with kept images', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn();
    await uploadImage(repaired, checkInId, imageId, sealedImage);

    const result = await requestHandover(checkInId);

    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({ checkInId, outcome: 'ingested' });
    const entries = await entriesOf(checkInId);
    expect(entries).toHaveLength(1);
    expect(entries[0].deviceId).toBe(revokedOwner.deviceId);
    const registerImage = await s3.send(new GetObjectCommand({ Bucket: imagesBucket, Key: `register/${tenantId}/${entries[0].entryId}/${imageId}` }));
    expect((await registerImage.Body!.transformToByteArray()).length).toBeGreaterThan(0);
    expect((await storedRecord(checkInId))?._ttl).toEqual(expect.any(Number));
    expect(await objectExists(`incoming/${repaired.deviceId}/${checkInId}/${imageId}`)).toBe(false);
    expect(await objectExists(`incoming/${revokedOwner.deviceId}/${checkInId}/${imageId}`)).toBe(false);
  });

  test('second handover is idempotent', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn();
    await uploadImage(repaired, checkInId, imageId, sealedImage);
    expect((await requestHandover(checkInId)).statusCode).toBe(200);

    const second = await requestHandover(checkInId);

    expect(second.statusCode).toBe(200);
    expect(json(second)).toEqual({ checkInId, outcome: 'already-ingested' });
    expect(await entriesOf(checkInId)).toHaveLength(1);
  });

  test('image under owner prefix suffices', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn();
    await uploadImage(revokedOwner, checkInId, imageId, sealedImage);

    const result = await requestHandover(checkInId);

    expect(result.statusCode).toBe(200);
    expect(await entriesOf(checkInId)).toHaveLength(1);
  });

  test('owner image is not overwritten', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn();
    const other = await storeCheckIn();
    await uploadImage(revokedOwner, checkInId, imageId, sealedImage);
    await uploadImage(repaired, checkInId, imageId, other.sealedImage);

    const result = await requestHandover(checkInId);

    expect(result.statusCode).toBe(200);
    expect(await entriesOf(checkInId)).toHaveLength(1);
    expect(await objectExists(`incoming/${repaired.deviceId}/${checkInId}/${imageId}`)).toBe(false);
  });

  test('missing image is 409 naming it', async () => {
    const { checkInId, imageId } = await storeCheckIn();

    const result = await requestHandover(checkInId);

    expect(result.statusCode).toBe(409);
    expect(json(result).error).toMatchObject({ code: 'conflict', field: 'imageIds' });
    expect(json(result).error.message).toContain(imageId);
    expect(await entriesOf(checkInId)).toHaveLength(0);
    expect((await storedRecord(checkInId))?._ttl).toBeUndefined();
  });

  test('image of another check-in is 409', async () => {
    const { checkInId, imageId } = await storeCheckIn();
    const other = await storeCheckIn();
    // A sealed image of another check-in does not open under this check-in's key and AAD.
    await uploadImage(repaired, checkInId, imageId, other.sealedImage);

    const result = await requestHandover(checkInId);

    expect(result.statusCode).toBe(409);
    expect(json(result).error.message).toContain(imageId);
    expect(await entriesOf(checkInId)).toHaveLength(0);
  });

  test('other facility looks missing', async () => {
    const stored = await storeCheckIn({ owner: otherFacilityOwner });
    await uploadImage(repaired, stored.checkInId, stored.imageId, stored.sealedImage);
    const missingId = randomUUID();

    const result = await requestHandover(stored.checkInId);
    const missing = await requestHandover(missingId);

    expect(result.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(json(result).error.message.replaceAll(stored.checkInId, 'ID')).toBe(json(missing).error.message.replaceAll(missingId, 'ID'));
    expect(await storedRecord(stored.checkInId)).not.toHaveProperty('_ttl');
  });

  test('other tenant looks missing', async () => {
    const stored = await storeCheckIn({ owner: otherTenantOwner });
    await uploadImage(repaired, stored.checkInId, stored.imageId, stored.sealedImage);
    const missingId = randomUUID();

    const result = await requestHandover(stored.checkInId);
    const missing = await requestHandover(missingId);

    expect(result.statusCode).toBe(404);
    expect(json(result).error.message.replaceAll(stored.checkInId, 'ID')).toBe(json(missing).error.message.replaceAll(missingId, 'ID'));
    expect(await storedRecord(stored.checkInId)).not.toHaveProperty('_ttl');
  });

  test('active owner is 409', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn({ owner: activeOwner });
    await uploadImage(repaired, checkInId, imageId, sealedImage);

    const result = await requestHandover(checkInId);

    expect(result.statusCode).toBe(409);
    expect(json(result).error.message).toContain('still active');
    expect(await entriesOf(checkInId)).toHaveLength(0);
  });

  test('change after revocation is 409', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn({ lastChangedAt: Date.parse(revokedAt) + 60_000 });
    await uploadImage(repaired, checkInId, imageId, sealedImage);

    const result = await requestHandover(checkInId);

    expect(result.statusCode).toBe(409);
    expect(json(result).error.message).toContain('changed after its device was revoked');
    expect(await entriesOf(checkInId)).toHaveLength(0);
  });

  test('own record is 409', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn({ owner: repaired });
    await uploadImage(repaired, checkInId, imageId, sealedImage);

    const result = await requestHandover(checkInId);

    expect(result.statusCode).toBe(409);
    expect(json(result).error.message).toContain('was sent by this device');
  });

  test('revoked caller is rejected', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn();
    await uploadImage(revokedCaller, checkInId, imageId, sealedImage);

    const result = await requestHandover(checkInId, revokedCaller);

    expect(result.statusCode).toBe(403);
    expect(json(result).error.code).toBe('device_revoked');
    expect(await entriesOf(checkInId)).toHaveLength(0);
  });

  test('invalid checkInId is 400', async () => {
    const result = await requestHandover('../other');

    expect(result.statusCode).toBe(400);
    expect(json(result).error).toMatchObject({ code: 'invalid_request', field: 'checkInId' });
  });

  test('logs name ids, never guests', async () => {
    const { checkInId, imageId, sealedImage } = await storeCheckIn();
    await uploadImage(repaired, checkInId, imageId, sealedImage);

    await requestHandover(checkInId);

    // The output of every request in this file so far, the rejected ones included.
    const logs = output.text();
    expect(logs).toContain('Check-in handed over and ingested');
    expect(logs).toContain(checkInId);
    expect(logs).toContain(revokedOwner.deviceId);
    expect(logs).toContain(repaired.deviceId);
    for (const pii of piiStrings) expect(logs).not.toContain(pii);
  });
});
