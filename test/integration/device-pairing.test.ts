import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { claimsAsApiGatewayStrings, fetchJwks, JwtAuthorizer } from '../../local/api-gateway/jwt-authorizer';
import { apiEvent, operatorClaims } from './support/api-events';
import { startTestUserPool, type TestUserPool } from './support/cognito-pool';
import { credentials, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

type Modules = {
  pairDevice: typeof import('../../lambdas/device/pair-device').handler;
  createPairingCode: typeof import('../../lambdas/device/create-pairing-code').handler;
  pairingCodes: import('../../lambdas/device/pairing-codes').PairingCodeRepository;
  devices: import('../../lambdas/device/device-repository').DeviceRepository;
  documentClient: typeof import('../../lambdas/aws/dynamodb').documentClient;
};

const tenantId = 'tenant-pairing';
const otherTenantId = 'tenant-pairing-other';
const facilityId = 'facility-pairing-1';
const otherFacilityId = 'facility-pairing-other';
const operatorId = 'operator-pairing-1';

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('device pairing', () => {
  let emulators: HandlerEmulators;
  let userPool: TestUserPool;
  let cognito: CognitoIdentityProviderClient;
  let modules: Modules;

  beforeAll(async () => {
    [emulators, userPool] = await Promise.all([startHandlerEmulators(), startTestUserPool()]);
    Object.assign(process.env, emulators.environment, {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: userPool.endpoint,
      USER_POOL_ID: userPool.userPoolId,
    });
    cognito = new CognitoIdentityProviderClient({ endpoint: userPool.endpoint, region, credentials });

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { PairingCodeRepository } = require('../../lambdas/device/pairing-codes') as typeof import('../../lambdas/device/pairing-codes');
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    const tenants = new TenantRepository(documentClient, 'Directory');
    const facilities = new FacilityRepository(documentClient, 'Directory');
    for (const [tenant, facility] of [
      [tenantId, facilityId],
      [otherTenantId, otherFacilityId],
    ]) {
      await tenants.createTenant({ tenantId: tenant, name: `検証民泊 ${tenant}`, contactEmail: `${tenant}@example.invalid` });
      await facilities.createFacility({
        tenantId: tenant,
        facilityId: facility,
        name: `試験ハウス ${facility}`,
        licenceType: 'private-lodging',
        licenceNumber: 'M000000000',
        address: '架空県架空市1-1',
        officeId: 'office-pairing',
      });
    }
    // Roles and offices come from the Directory record, whatever group the token claims.
    for (const [userId, role, officeIds] of [
      ['pairing-owner', 'owner', []],
      ['pairing-manager', 'manager', ['office-pairing']],
      ['pairing-staff', 'staff', ['office-pairing']],
      ['pairing-staff-elsewhere', 'staff', ['office-elsewhere']],
    ] as const) {
      await tenants.putOperatorUser({ tenantId, userId, role, officeIds: [...officeIds], email: `${userId}@example.invalid` });
    }

    modules = {
      pairDevice: (require('../../lambdas/device/pair-device') as typeof import('../../lambdas/device/pair-device')).handler,
      createPairingCode: (require('../../lambdas/device/create-pairing-code') as typeof import('../../lambdas/device/create-pairing-code')).handler,
      pairingCodes: new PairingCodeRepository(documentClient, 'Directory'),
      devices: new DeviceRepository(documentClient, 'Directory'),
      documentClient,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    cognito?.destroy();
    await Promise.all([emulators?.stop(), userPool?.stop()]);
  });

  async function devicesOfTenant(tenant: string): Promise<Record<string, unknown>[]> {
    const result = await modules.documentClient.send(
      new QueryCommand({
        TableName: 'Directory',
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `TENANT#${tenant}`, ':prefix': 'DEVICE#' },
      }),
    );
    return result.Items ?? [];
  }

  async function newPairingCode(now?: Date): Promise<string> {
    const created = await modules.pairingCodes.createPairingCode({ tenantId, facilityId, createdBy: operatorId, now });
    return created.code;
  }

  describe('pair-device', () => {
    test('valid code pairs kiosk user', async () => {
      const pairingCode = await newPairingCode();

      const result = await modules.pairDevice(apiEvent({ body: { pairingCode } }));

      expect(result.statusCode).toBe(201);
      const body = json(result);
      expect(body.tenantId).toBe(tenantId);
      expect(body.facility).toEqual({ id: facilityId, name: `試験ハウス ${facilityId}`, licenceType: 'private-lodging' });

      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: body.username }));
      const attributes = Object.fromEntries((user.UserAttributes ?? []).map((attribute) => [attribute.Name, attribute.Value]));
      expect(attributes['custom:tenantId']).toBe(tenantId);
      expect(attributes['custom:facilityId']).toBe(facilityId);
      // cognito-local 5.3 lists groups only by the canonical username (the sub in an
      // email-alias pool), not by the email the device signs in with.
      const groups = await cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId: userPool.userPoolId, Username: user.Username }),
      );
      expect((groups.Groups ?? []).map((group) => group.GroupName)).toEqual(['kiosk']);
      const device = await modules.devices.findByCognitoUsername(user.Username!);
      expect(device).toMatchObject({ tenantId, facilityId, deviceId: body.deviceId, status: 'active' });
    });

    test('returned password signs in', async () => {
      const body = json(await modules.pairDevice(apiEvent({ body: { pairingCode: await newPairingCode() } })));

      const signIn = await cognito.send(
        new InitiateAuthCommand({
          ClientId: userPool.kioskClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: body.username, PASSWORD: body.password },
        }),
      );

      expect(signIn.ChallengeName).toBeUndefined();
      const idToken = signIn.AuthenticationResult?.IdToken;
      expect(idToken).toBeDefined();
      const authorizer = new JwtAuthorizer({ issuer: userPool.issuer, audience: [userPool.kioskClientId] }, await fetchJwks(userPool.jwksUrl));
      const payload = await authorizer.verify(`Bearer ${idToken}`);
      expect(payload).toBeDefined();
      const claims = claimsAsApiGatewayStrings(payload!);
      expect(claims['cognito:groups']).toBe('[kiosk]');
      expect(claims['custom:tenantId']).toBe(tenantId);
      expect(claims['custom:facilityId']).toBe(facilityId);
    });

    test('device found by token username', async () => {
      const body = json(await modules.pairDevice(apiEvent({ body: { pairingCode: await newPairingCode() } })));
      const signIn = await cognito.send(
        new InitiateAuthCommand({
          ClientId: userPool.kioskClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: body.username, PASSWORD: body.password },
        }),
      );
      const authorizer = new JwtAuthorizer({ issuer: userPool.issuer, audience: [userPool.kioskClientId] }, await fetchJwks(userPool.jwksUrl));
      const claims = claimsAsApiGatewayStrings((await authorizer.verify(signIn.AuthenticationResult!.IdToken))!);

      // Ingest and the upload route find the device by the token's `cognito:username`.
      const device = await modules.devices.findByCognitoUsername(claims['cognito:username']);

      expect(device).toMatchObject({ tenantId, facilityId, deviceId: body.deviceId, status: 'active' });
    });

    test('sealing key is the KMS key', async () => {
      const body = json(await modules.pairDevice(apiEvent({ body: { pairingCode: await newPairingCode() } })));

      const kms = new KMSClient({ endpoint: emulators.environment.AWS_ENDPOINT_URL_KMS, region, credentials });
      const expected = await kms.send(new GetPublicKeyCommand({ KeyId: emulators.environment.KIOSK_SEALING_KEY_ID }));
      kms.destroy();
      expect(body.sealingKey.keyId).toBe(expected.KeyId);
      expect(Buffer.from(body.sealingKey.publicKeySpkiBase64, 'base64')).toEqual(Buffer.from(expected.PublicKey!));
      const publicKey = await crypto.subtle.importKey(
        'spki',
        Buffer.from(body.sealingKey.publicKeySpkiBase64, 'base64'),
        { name: 'RSA-OAEP', hash: 'SHA-256' },
        true,
        ['wrapKey'],
      );
      expect((publicKey.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(3072);
    });

    test('used code rejected', async () => {
      const pairingCode = await newPairingCode();
      const first = await modules.pairDevice(apiEvent({ body: { pairingCode } }));
      const devicesAfterFirst = (await devicesOfTenant(tenantId)).length;

      const second = await modules.pairDevice(apiEvent({ body: { pairingCode } }));

      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(403);
      expect(json(second).error).toMatchObject({ code: 'forbidden', field: 'pairingCode' });
      expect(await devicesOfTenant(tenantId)).toHaveLength(devicesAfterFirst);
    });

    test('code typed with hyphen pairs', async () => {
      const pairingCode = await newPairingCode();
      const typed = `${pairingCode.slice(0, 4).toLowerCase()}-${pairingCode.slice(4)}`;

      const result = await modules.pairDevice(apiEvent({ body: { pairingCode: typed } }));

      expect(result.statusCode).toBe(201);
    });

    test('expired code rejected', async () => {
      const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
      const pairingCode = await newPairingCode(elevenMinutesAgo);
      const devicesBefore = (await devicesOfTenant(tenantId)).length;

      const result = await modules.pairDevice(apiEvent({ body: { pairingCode } }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error).toMatchObject({ code: 'forbidden', field: 'pairingCode' });
      expect(await devicesOfTenant(tenantId)).toHaveLength(devicesBefore);
    });

    test('unknown code rejected', async () => {
      const result = await modules.pairDevice(apiEvent({ body: { pairingCode: 'ZZZZ2222' } }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error).toMatchObject({ code: 'forbidden', field: 'pairingCode' });
    });

    test.each([
      ['missing pairingCode', {}, 'pairingCode', 'ペアリングコード: ', ' / pairing code: '],
      ['pairingCode not a string', { pairingCode: 12345678 }, 'pairingCode', 'ペアリングコード: ', ' / pairing code: '],
      ['pairingCode too short', { pairingCode: 'AB' }, 'pairingCode', 'ペアリングコード: ', ' / pairing code: '],
      ['body not an object', ['ABCD2345'], 'body', 'リクエスト本文: ', ' / request body: '],
    ])('%s is 400', async (_case, body, field, jaLabel, enLabel) => {
      const result = await modules.pairDevice(apiEvent({ body }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error).toMatchObject({ code: 'invalid_request', field });
      expect(json(result).error.message.startsWith(jaLabel)).toBe(true);
      expect(json(result).error.message).toContain(enLabel);
    });

    test('invalid JSON body is 400', async () => {
      const event = apiEvent({});
      event.body = '{"pairingCode":';

      const result = await modules.pairDevice(event);

      expect(result.statusCode).toBe(400);
      expect(json(result).error).toMatchObject({ code: 'invalid_request', field: 'body' });
    });
  });

  describe('create-pairing-code', () => {
    test.each(['owner', 'manager', 'staff'])('%s gets 8-character code', async (role) => {
      const before = Date.now();

      const result = await modules.createPairingCode(
        apiEvent({ claims: operatorClaims(tenantId, `pairing-${role}`, role), pathParameters: { facilityId } }),
      );
      const after = Date.now();

      expect(result.statusCode).toBe(201);
      const body = json(result);
      expect(body.facilityId).toBe(facilityId);
      expect(body.pairingCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      const createdAt = Date.parse(body.expiresAt) - 10 * 60_000;
      expect(createdAt).toBeGreaterThanOrEqual(before);
      expect(createdAt).toBeLessThanOrEqual(after);
    });

    test('pairing code is audited', async () => {
      const created = json(await modules.createPairingCode(apiEvent({ claims: operatorClaims(tenantId, 'pairing-manager', 'manager'), pathParameters: { facilityId } })));

      const audit = await modules.documentClient.send(
        new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
      );
      const record = (audit.Items ?? []).find((item) => item.action === 'device.pairing-code' && item.userId === 'pairing-manager');
      expect(record).toMatchObject({ category: 'admin-change', targetType: 'facility', targetIds: [facilityId] });
      expect(JSON.stringify(record)).not.toContain(created.pairingCode);
    });

    test('created code pairs its facility', async () => {
      const created = json(
        await modules.createPairingCode(apiEvent({ claims: operatorClaims(tenantId, 'pairing-owner'), pathParameters: { facilityId } })),
      );

      const paired = await modules.pairDevice(apiEvent({ body: { pairingCode: created.pairingCode } }));

      expect(paired.statusCode).toBe(201);
      expect(json(paired)).toMatchObject({ tenantId, facility: { id: facilityId } });
    });

    test('staff of another office gets 404', async () => {
      const result = await modules.createPairingCode(
        apiEvent({ claims: operatorClaims(tenantId, 'pairing-staff-elsewhere', 'staff'), pathParameters: { facilityId } }),
      );

      expect(result.statusCode).toBe(404);
      expect(json(result).error.code).toBe('not_found');
    });

    test('user without Directory record rejected', async () => {
      const result = await modules.createPairingCode(
        apiEvent({ claims: operatorClaims(tenantId, operatorId, 'owner'), pathParameters: { facilityId } }),
      );

      expect(result.statusCode).toBe(403);
    });

    test('kiosk rejected', async () => {
      const kioskClaims = { sub: 'device-sub', 'cognito:username': 'device-sub', 'custom:tenantId': tenantId, 'custom:facilityId': facilityId, 'cognito:groups': '[kiosk]' };

      const result = await modules.createPairingCode(apiEvent({ claims: kioskClaims, pathParameters: { facilityId } }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error.code).toBe('forbidden');
    });

    test('missing token is 401', async () => {
      const result = await modules.createPairingCode(apiEvent({ pathParameters: { facilityId } }));

      expect(result.statusCode).toBe(401);
    });

    test('other tenant facility is 404', async () => {
      const result = await modules.createPairingCode(
        apiEvent({ claims: operatorClaims(tenantId, 'pairing-owner'), pathParameters: { facilityId: otherFacilityId } }),
      );

      expect(result.statusCode).toBe(404);
      expect(json(result).error).toMatchObject({ code: 'not_found', field: 'facilityId' });
    });
  });
});
