import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';
import { apiEvent, operatorClaims } from './support/api-events';
import { credentials, imagesBucket, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

type CreateImageUpload = typeof import('../../lambdas/check-in/create-image-upload').handler;

const tenantId = 'tenant-upload';
const facilityId = 'facility-upload-1';
const deviceId = 'device-upload-1';
const deviceUsername = 'sub-of-device-upload-1';
const revokedUsername = 'sub-of-revoked-device';

/** Builds the claims of a kiosk ID token as the API authorizer passes them. */
function kioskClaims(username: string, tenant = tenantId): Record<string, string> {
  return {
    sub: username,
    'cognito:username': username,
    'custom:tenantId': tenant,
    'custom:facilityId': facilityId,
    'cognito:groups': '[kiosk]',
  };
}

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('check-in image upload URL', () => {
  let emulators: HandlerEmulators;
  let createImageUpload: CreateImageUpload;
  let s3: S3Client;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    const devices = new DeviceRepository(documentClient, 'Directory');
    const pairedAt = new Date().toISOString();
    await devices.createDevice({ tenantId, facilityId, deviceId, cognitoUsername: deviceUsername, status: 'active', pairedAt });
    await devices.createDevice({
      tenantId,
      facilityId,
      deviceId: 'device-upload-revoked',
      cognitoUsername: revokedUsername,
      status: 'revoked',
      pairedAt,
    });

    createImageUpload = (require('../../lambdas/check-in/create-image-upload') as typeof import('../../lambdas/check-in/create-image-upload')).handler;
    s3 = new S3Client({ endpoint: emulators.environment.AWS_ENDPOINT_URL_S3, region, credentials, forcePathStyle: true });
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    s3?.destroy();
    await emulators?.stop();
  });

  function requestUpload(checkInId: string, body: unknown, claims: Record<string, string> = kioskClaims(deviceUsername)) {
    return createImageUpload(apiEvent({ claims, pathParameters: { checkInId }, body }));
  }

  test('presigned PUT stores bytes', async () => {
    const checkInId = randomUUID();
    const imageId = randomUUID();
    const sealedImage = randomBytes(2048);

    const result = await requestUpload(checkInId, { imageId });

    expect(result.statusCode).toBe(200);
    const body = json(result);
    expect(body.method).toBe('PUT');
    expect(body.key).toBe(`incoming/${deviceId}/${checkInId}/${imageId}`);
    const upload = await fetch(body.url, { method: 'PUT', body: sealedImage });
    expect(upload.status).toBe(200);
    const stored = await s3.send(new GetObjectCommand({ Bucket: imagesBucket, Key: body.key }));
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(sealedImage);
  });

  // NOTE: s3rver 3.7 accepts any Signature Version 4 signature unchecked (its
  // middleware/authentication.js leaves the v4 calculation unimplemented), so a tampered URL
  // cannot be shown to fail locally. This test checks what the URL's signature covers instead.
  test('URL signs key and lifetime', async () => {
    const checkInId = randomUUID();
    const imageId = randomUUID();

    const url = new URL(json(await requestUpload(checkInId, { imageId })).url);

    expect(url.origin).toBe(emulators.environment.AWS_ENDPOINT_URL_S3);
    expect(decodeURIComponent(url.pathname)).toBe(`/${imagesBucket}/incoming/${deviceId}/${checkInId}/${imageId}`);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each([
    ['checkInId with slash', 'check/in', { imageId: 'image-1' }, 'checkInId', 'チェックイン ID: ', ' / check-in ID: '],
    ['checkInId too long', 'c'.repeat(65), { imageId: 'image-1' }, 'checkInId', 'チェックイン ID: ', ' / check-in ID: '],
    ['imageId with dots', 'check-in-1', { imageId: '../other' }, 'imageId', '画像 ID: ', ' / image ID: '],
    ['imageId missing', 'check-in-1', {}, 'imageId', '画像 ID: ', ' / image ID: '],
    ['imageId not a string', 'check-in-1', { imageId: 7 }, 'imageId', '画像 ID: ', ' / image ID: '],
  ])('%s is 400', async (_case, checkInId, body, field, jaLabel, enLabel) => {
    const result = await requestUpload(checkInId, body);

    expect(result.statusCode).toBe(400);
    expect(json(result).error).toMatchObject({ code: 'invalid_request', field });
    expect(json(result).error.message.startsWith(jaLabel)).toBe(true);
    expect(json(result).error.message).toContain(enLabel);
  });

  test.each(['owner', 'manager', 'staff'])('%s token rejected', async (role) => {
    const result = await requestUpload(randomUUID(), { imageId: randomUUID() }, operatorClaims(tenantId, 'operator-upload', role));

    expect(result.statusCode).toBe(403);
    expect(json(result).error.code).toBe('forbidden');
  });

  test('revoked device rejected', async () => {
    const result = await requestUpload(randomUUID(), { imageId: randomUUID() }, kioskClaims(revokedUsername));

    expect(result.statusCode).toBe(403);
  });

  test('unpaired device rejected', async () => {
    const result = await requestUpload(randomUUID(), { imageId: randomUUID() }, kioskClaims('sub-of-unknown-device'));

    expect(result.statusCode).toBe(403);
  });

  test('token of other tenant rejected', async () => {
    const result = await requestUpload(randomUUID(), { imageId: randomUUID() }, kioskClaims(deviceUsername, 'tenant-of-someone-else'));

    expect(result.statusCode).toBe(403);
  });
});
