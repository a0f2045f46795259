import { AdminGetUserCommand, CognitoIdentityProviderClient, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeKeyCommand, KMSClient, NotFoundException } from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { apiEvent, operatorClaims } from './support/api-events';
import { deletionRecords } from './support/deletion-records';
import { checkInTable, credentials, imagesBucket, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { startTestUserPool, type TestUserPool } from './support/cognito-pool';
import { inventedResident, inventedVisitor, storeRegisterEntry } from './support/register-fixtures';

type OffboardModule = typeof import('../../lambdas/guest-pii/offboard-tenant');
type DataKeysModule = typeof import('../../lambdas/guest-pii/tenant-data-keys');

const dayMs = 86_400_000;
const yearMs = 365 * dayMs;

describe('offboard-tenant handler', () => {
  let emulators: HandlerEmulators;
  let userPool: TestUserPool;
  let cognito: CognitoIdentityProviderClient;
  let kmsNow = Date.now();
  let kms: KMSClient;
  let s3: S3Client;
  let documents: DynamoDBDocumentClient;
  let offboard: OffboardModule['handler'];
  let dataKeysModule: DataKeysModule;
  let tenantKeysModule: typeof import('../../lambdas/guest-pii/tenant-keys');
  let register: import('../../lambdas/guest-register/register-repository').RegisterRepository;
  let tenants: import('../../lambdas/organisation/tenant-repository').TenantRepository;
  let devices: import('../../lambdas/device/device-repository').DeviceRepository;

  beforeAll(async () => {
    [emulators, userPool] = await Promise.all([startHandlerEmulators({ kmsNow: () => kmsNow }), startTestUserPool()]);
    Object.assign(process.env, emulators.environment, {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: userPool.endpoint,
      USER_POOL_ID: userPool.userPoolId,
    });
    cognito = new CognitoIdentityProviderClient({ endpoint: userPool.endpoint, region, credentials });
    kms = new KMSClient({ endpoint: emulators.environment.AWS_ENDPOINT_URL_KMS, region, credentials });
    s3 = new S3Client({ endpoint: emulators.environment.AWS_ENDPOINT_URL_S3, region, credentials, forcePathStyle: true });
    documents = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb')).documentClient;
    offboard = (require('../../lambdas/guest-pii/offboard-tenant') as OffboardModule).handler;
    dataKeysModule = require('../../lambdas/guest-pii/tenant-data-keys');
    tenantKeysModule = require('../../lambdas/guest-pii/tenant-keys');
    const { RegisterRepository } = require('../../lambdas/guest-register/register-repository') as typeof import('../../lambdas/guest-register/register-repository');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    register = new RegisterRepository(documents, 'Register');
    tenants = new TenantRepository(documents, 'Directory');
    devices = new DeviceRepository(documents, 'Directory');
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    kms?.destroy();
    s3?.destroy();
    cognito?.destroy();
    await Promise.all([emulators?.stop(), userPool?.stop()]);
  });

  /** Data keys with empty caches and the given clock, like a cold Lambda container. */
  function dataKeys(now = Date.now()) {
    const tenantKeys = new tenantKeysModule.TenantKeys(kms, { stage: 'test', aliasPrefix: tenantKeysModule.tenantKeyAliasPrefix('test') });
    return new dataKeysModule.TenantDataKeys({ kms, documentClient: documents, registerTable: 'Register', tenantKeys, now: () => now });
  }

  /** Returns whether the user pool still has a user that signs in as `username`. */
  async function accountExists(username: string): Promise<boolean> {
    try {
      await cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: username }));
      return true;
    } catch (error) {
      if (error instanceof UserNotFoundException) return false;
      throw error;
    }
  }

  /**
   * A tenant with an owner and a kiosk, both with Cognito users, one register entry created at
   * `createdAt` and its sealed passport image.
   */
  async function seedTenant(tenantId: string, createdAt = new Date()) {
    const { OperatorAccounts, generateTemporaryPassword } = require('../../lambdas/organisation/operator-accounts') as typeof import('../../lambdas/organisation/operator-accounts');
    const { createDeviceAccount } = require('../../lambdas/device/device-accounts') as typeof import('../../lambdas/device/device-accounts');
    const ownerEmail = `${tenantId}-owner@example.invalid`;
    await tenants.createTenant({ tenantId, name: `${tenantId} 株式会社`, contactEmail: `${tenantId}@example.invalid` });
    const ownerId = await new OperatorAccounts(cognito, userPool.userPoolId).createUser({
      email: ownerEmail,
      tenantId,
      role: 'owner',
      temporaryPassword: generateTemporaryPassword(),
    });
    await tenants.putOperatorUser({ tenantId, userId: ownerId, email: ownerEmail, role: 'owner' });
    const kiosk = await createDeviceAccount(cognito, userPool.userPoolId, { deviceId: `${tenantId}-device`, tenantId, facilityId: `${tenantId}-facility` });
    await devices.createDevice({
      tenantId,
      facilityId: `${tenantId}-facility`,
      deviceId: `${tenantId}-device`,
      cognitoUsername: kiosk.cognitoUsername,
      signInName: kiosk.signInName,
      status: 'active',
      pairedAt: createdAt.toISOString(),
    });
    const keys = dataKeys(createdAt.getTime());
    const entry = await storeRegisterEntry(
      { register, dataKeys: keys },
      {
        tenantId,
        facilityId: `${tenantId}-facility`,
        arrivalDate: createdAt.toISOString().slice(0, 10),
        departureDate: new Date(createdAt.getTime() + 2 * dayMs).toISOString().slice(0, 10),
        acceptedAt: createdAt.toISOString(),
        guests: [inventedResident, inventedVisitor],
        createdAt,
      },
    );
    const envelope = await keys.envelopeForRead(tenantId, entry.keyPeriod);
    const image = randomBytes(2048);
    const imageKey = `register/${tenantId}/${entry.entryId}/passport-1`;
    await s3.send(new PutObjectCommand({ Bucket: imagesBucket, Key: imageKey, Body: envelope.encryptImage(entry.entryId, 'passport-1', image) }));
    // The kiosk's records in the AppSync CheckIn table: the ingested one and one never ingested.
    const checkInIds = [entry.checkInId, `${tenantId}-pending`];
    for (const id of checkInIds) {
      await documents.send(
        new PutCommand({ TableName: checkInTable, Item: { id, sealed: '{"ciphertext":"sealed-copy"}', owner: `${kiosk.cognitoUsername}::${kiosk.cognitoUsername}`, _version: 1 } }),
      );
    }
    return { entry, image, imageKey, checkInIds, ownerId, ownerEmail, kioskSignInName: kiosk.signInName };
  }

  async function registerItems(tenantId: string): Promise<Record<string, unknown>[]> {
    const result = await documents.send(
      new QueryCommand({ TableName: 'Register', KeyConditionExpression: 'pk = :tenant', ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}` } }),
    );
    return result.Items ?? [];
  }

  async function checkInRecordExists(checkInId: string): Promise<boolean> {
    return (await documents.send(new GetCommand({ TableName: checkInTable, Key: { id: checkInId } }))).Item !== undefined;
  }

  async function objectBytes(key: string): Promise<Buffer> {
    const object = await s3.send(new GetObjectCommand({ Bucket: imagesBucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  const request = (tenantId: string, extra: Record<string, unknown> = {}) => ({
    tenantId,
    confirmTenantId: tenantId,
    basis: 'tenant-request',
    reference: 'SUPPORT-1234',
    requestedBy: 'ops-hanako',
    waitingDays: 7,
    ...extra,
  });

  test('rejects a mismatched confirmation', async () => {
    const tenantId = 'tenant-confirm-typo';
    await seedTenant(tenantId);

    const attempt = offboard(request(tenantId, { confirmTenantId: 'tenant-confirm-typ0' }));

    await expect(attempt).rejects.toMatchObject({ name: 'OffboardingRejectedError', field: 'confirmTenantId' });
    expect(await registerItems(tenantId)).not.toEqual([]);
    expect(await deletionRecords(documents, tenantId)).toEqual([]);
  });

  test('rejects an unknown tenant', async () => {
    await expect(offboard(request('tenant-nobody'))).rejects.toMatchObject({ name: 'OffboardingRejectedError', field: 'tenantId' });
  });

  test('rejects a waiting period under 7 days', async () => {
    await expect(offboard(request('tenant-short-wait', { waitingDays: 3 }))).rejects.toMatchObject({ field: 'waitingDays' });
  });

  test('retention-ended refuses entries still kept', async () => {
    const tenantId = 'tenant-still-kept';
    await seedTenant(tenantId);

    const attempt = offboard(request(tenantId, { basis: 'retention-ended' }));

    await expect(attempt).rejects.toMatchObject({ field: 'basis', message: expect.stringContaining('1 register entries still inside') });
    expect(await registerItems(tenantId)).not.toEqual([]);
    const alias = `${tenantKeysModule.tenantKeyAliasPrefix('test')}${tenantId}`;
    await expect(kms.send(new DescribeKeyCommand({ KeyId: alias }))).resolves.toBeDefined();
  });

  test('retention-ended offboards expired tenant', async () => {
    const tenantId = 'tenant-long-gone';
    await seedTenant(tenantId, new Date(Date.now() - 3 * yearMs - 10 * dayMs));

    const result = await offboard(request(tenantId, { basis: 'retention-ended' }));

    expect(result.deletedImages).toBe(1);
    expect(await registerItems(tenantId)).toEqual([]);
  });

  test('on request shreds leaving tenant only', async () => {
    const leaving = 'tenant-leaving-on-request';
    const staying = 'tenant-staying-on';
    const leavingData = await seedTenant(leaving);
    const stayingData = await seedTenant(staying);
    // What a backup taken before offboarding would hold.
    const backup = await registerItems(leaving);

    const result = await offboard(request(leaving));

    expect(result).toMatchObject({
      tenantId: leaving,
      deletedImages: 1,
      revokedDevices: 1,
      deletedRegisterItems: backup.length,
      deletedCheckInRecords: 2,
      deletedAccounts: 2,
    });
    expect(await accountExists(leavingData.ownerEmail)).toBe(false);
    expect(await accountExists(leavingData.kioskSignInName)).toBe(false);
    expect(await accountExists(stayingData.ownerEmail)).toBe(true);
    expect(await accountExists(stayingData.kioskSignInName)).toBe(true);
    expect(await registerItems(leaving)).toEqual([]);
    for (const checkInId of leavingData.checkInIds) expect(await checkInRecordExists(checkInId)).toBe(false);
    for (const checkInId of stayingData.checkInIds) expect(await checkInRecordExists(checkInId)).toBe(true);
    await expect(objectBytes(leavingData.imageKey)).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect((await devices.getDevice(leaving, `${leaving}-device`))?.status).toBe('revoked');
    expect((await tenants.getTenant(leaving))?.offboardedAt).toEqual(expect.any(String));

    // The leaving tenant's users lose access to the admin API.
    const { OperatorAccessResolver } = require('../../lambdas/organisation/access-context') as typeof import('../../lambdas/organisation/access-context');
    const { CognitoMfaStatus } = require('../../lambdas/organisation/mfa-status') as typeof import('../../lambdas/organisation/mfa-status');
    const { cognitoClient } = require('../../lambdas/aws/cognito') as typeof import('../../lambdas/aws/cognito');
    const resolver = new OperatorAccessResolver(documents, 'Directory', new CognitoMfaStatus(cognitoClient));
    await expect(resolver.resolve(apiEvent({ claims: operatorClaims(leaving, leavingData.ownerId) }))).rejects.toMatchObject({ statusCode: 403 });

    // Two audit records, of the decision and of the result, outlive the data.
    const records = await deletionRecords(documents, leaving);
    expect(records.map((record) => (record.details as Record<string, unknown>).phase)).toEqual(['started', 'completed']);
    expect(records[1]).toMatchObject({
      action: 'tenant-offboarding',
      actor: 'platform:ops-hanako',
      details: expect.objectContaining({
        basis: 'tenant-request',
        reference: 'SUPPORT-1234',
        keyArn: result.keyDeletion!.keyArn,
        deletedImages: 1,
        deletedCheckInRecords: 2,
        deletedAccounts: 2,
      }),
    });

    // After the waiting period KMS has destroyed the key: the restored backup stays ciphertext.
    kmsNow += 8 * dayMs;
    for (const item of backup) await documents.send(new PutCommand({ TableName: 'Register', Item: item }));
    await expect(kms.send(new DescribeKeyCommand({ KeyId: result.keyDeletion!.keyArn }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(dataKeys().envelopeForRead(leaving, leavingData.entry.keyPeriod)).rejects.toThrow();

    // The staying tenant still opens its name and image.
    const stayingEnvelope = await dataKeys().envelopeForRead(staying, stayingData.entry.keyPeriod);
    const guest = stayingData.entry.guests[0];
    expect(stayingEnvelope.decryptField(stayingData.entry.entryId, `guests/${guest.guestId}/name`, guest.name)).toBe(inventedResident.name);
    const stayingImage = stayingEnvelope.decryptImage(stayingData.entry.entryId, 'passport-1', await objectBytes(stayingData.imageKey));
    expect(stayingImage.equals(stayingData.image)).toBe(true);
    const stayingTenant = await documents.send(new GetCommand({ TableName: 'Directory', Key: { pk: `TENANT#${staying}`, sk: 'PROFILE' } }));
    expect(stayingTenant.Item?.offboardedAt).toBeUndefined();
  });

  test('second run resumes and completes', async () => {
    const tenantId = 'tenant-offboarded-twice';
    await seedTenant(tenantId);
    await offboard(request(tenantId));

    const again = await offboard(request(tenantId));

    expect(again.keyDeletion).toBeUndefined();
    expect(again.deletedRegisterItems).toBe(0);
    expect(again.deletedAccounts).toBe(0);
    const phases = (await deletionRecords(documents, tenantId)).map((record) => (record.details as Record<string, unknown>).phase);
    expect(phases).toEqual(['started', 'completed', 'resumed', 'completed']);
  });
});
