import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { deletionRecords } from './support/deletion-records';
import { checkInTable, credentials, imagesBucket, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { inventedResident, inventedVisitor, storeRegisterEntry } from './support/register-fixtures';

type PurgeModule = typeof import('../../lambdas/guest-register/purge-expired-register');

const dayMs = 86_400_000;
/** When the scheduled job fires in these tests: the injected clock. */
const runAt = new Date('2030-04-10T18:00:00Z');
const yearsBefore = (moment: Date, years: number, days = 0) => {
  const shifted = new Date(moment);
  shifted.setUTCFullYear(shifted.getUTCFullYear() - years);
  return new Date(shifted.getTime() + days * dayMs);
};

describe('retention job', () => {
  let emulators: HandlerEmulators;
  let s3: S3Client;
  let documents: DynamoDBDocumentClient;
  let purge: PurgeModule['handler'];
  let register: import('../../lambdas/guest-register/register-repository').RegisterRepository;
  let seedEntry: (tenantId: string, createdAt: Date, imageCount: number) => Promise<{ entryId: string; checkInId: string; imageKeys: string[] }>;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    s3 = new S3Client({ endpoint: emulators.environment.AWS_ENDPOINT_URL_S3, region, credentials, forcePathStyle: true });
    documents = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb')).documentClient;
    const { kmsClient } = require('../../lambdas/aws/kms') as typeof import('../../lambdas/aws/kms');
    const { RegisterRepository } = require('../../lambdas/guest-register/register-repository') as typeof import('../../lambdas/guest-register/register-repository');
    const { TenantDataKeys } = require('../../lambdas/guest-pii/tenant-data-keys') as typeof import('../../lambdas/guest-pii/tenant-data-keys');
    const { TenantKeys } = require('../../lambdas/guest-pii/tenant-keys') as typeof import('../../lambdas/guest-pii/tenant-keys');
    purge = (require('../../lambdas/guest-register/purge-expired-register') as PurgeModule).handler;
    register = new RegisterRepository(documents, 'Register');
    const tenantKeys = new TenantKeys(kmsClient, { stage: 'test', aliasPrefix: process.env.TENANT_KEY_ALIAS_PREFIX! });

    seedEntry = async (tenantId, createdAt, imageCount) => {
      const dataKeys = new TenantDataKeys({ kms: kmsClient, documentClient: documents, registerTable: 'Register', tenantKeys, now: () => createdAt.getTime() });
      const entry = await storeRegisterEntry(
        { register, dataKeys },
        {
          tenantId,
          facilityId: 'facility-retention',
          arrivalDate: createdAt.toISOString().slice(0, 10),
          departureDate: new Date(createdAt.getTime() + dayMs).toISOString().slice(0, 10),
          acceptedAt: createdAt.toISOString(),
          guests: [inventedResident, inventedVisitor],
          createdAt,
        },
      );
      const envelope = await dataKeys.envelopeForRead(tenantId, entry.keyPeriod);
      const imageKeys: string[] = [];
      for (let index = 1; index <= imageCount; index += 1) {
        const key = `register/${tenantId}/${entry.entryId}/image-${index}`;
        await s3.send(new PutObjectCommand({ Bucket: imagesBucket, Key: key, Body: envelope.encryptImage(entry.entryId, `image-${index}`, randomBytes(512)) }));
        imageKeys.push(key);
      }
      // The check-in's record in the AppSync CheckIn table; DynamoDB Local never expires its TTL.
      await documents.send(
        new PutCommand({
          TableName: checkInTable,
          Item: { id: entry.checkInId, sealed: '{"ciphertext":"sealed-copy"}', owner: 'sub::device-retention', _version: 2, _ttl: Math.floor(createdAt.getTime() / 1000) + 7 * 86_400 },
        }),
      );
      return { entryId: entry.entryId, checkInId: entry.checkInId, imageKeys };
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    s3?.destroy();
    await emulators?.stop();
  });

  async function imageExists(key: string): Promise<boolean> {
    try {
      await s3.send(new GetObjectCommand({ Bucket: imagesBucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return false;
      throw error;
    }
  }

  async function checkInRecordExists(checkInId: string): Promise<boolean> {
    return (await documents.send(new GetCommand({ TableName: checkInTable, Key: { id: checkInId } }))).Item !== undefined;
  }

  test('deletes only entries past 3 years', async () => {
    const first = 'tenant-retention-a';
    const second = 'tenant-retention-b';
    const expiredA = await seedEntry(first, yearsBefore(runAt, 3, -1), 2);
    const keptA = await seedEntry(first, yearsBefore(runAt, 3, 1), 1);
    const recentA = await seedEntry(first, yearsBefore(runAt, 1), 1);
    const expiredB = await seedEntry(second, yearsBefore(runAt, 4), 1);
    const recentB = await seedEntry(second, yearsBefore(runAt, 0, -3), 2);

    const outcome = await purge({ time: runAt.toISOString() });

    expect(outcome).toEqual({ deletedEntries: 2, deletedImages: 3, deletedCheckInItems: 2, tenants: 2, complete: true });
    for (const [tenantId, gone] of [[first, expiredA], [second, expiredB]] as const) {
      expect(await register.getEntry(tenantId, gone.entryId)).toBeUndefined();
      expect(await register.isCheckInIngested(tenantId, gone.checkInId)).toBe(false);
      expect(await checkInRecordExists(gone.checkInId)).toBe(false);
      for (const key of gone.imageKeys) expect(await imageExists(key)).toBe(false);
    }
    for (const [tenantId, kept] of [[first, keptA], [first, recentA], [second, recentB]] as const) {
      expect(await register.getEntry(tenantId, kept.entryId)).toBeDefined();
      expect(await register.isCheckInIngested(tenantId, kept.checkInId)).toBe(true);
      expect(await checkInRecordExists(kept.checkInId)).toBe(true);
      for (const key of kept.imageKeys) expect(await imageExists(key)).toBe(true);
    }
  });

  test('writes one audit record per tenant', async () => {
    const tenantId = 'tenant-retention-audit';
    const expired = [await seedEntry(tenantId, yearsBefore(runAt, 5), 0), await seedEntry(tenantId, yearsBefore(runAt, 3, -30), 1)];
    await seedEntry(tenantId, yearsBefore(runAt, 2), 0);

    await purge({ time: runAt.toISOString() });

    const records = await deletionRecords(documents, tenantId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: 'retention-purge',
      actor: 'system:retention-job',
      at: runAt.toISOString(),
      details: { expiredBy: runAt.toISOString(), retentionYears: 3 },
    });
    expect([...(records[0].entryIds as string[])].sort()).toEqual(expired.map((entry) => entry.entryId).sort());
  });

  test('second run deletes nothing more', async () => {
    await purge({ time: runAt.toISOString() });

    const again = await purge({ time: runAt.toISOString() });

    expect(again).toEqual({ deletedEntries: 0, deletedImages: 0, deletedCheckInItems: 0, tenants: 0, complete: true });
  });

  test('stops early when time runs out', async () => {
    await seedEntry('tenant-retention-late', yearsBefore(runAt, 4), 0);

    const outcome = await purge({ time: runAt.toISOString() }, { getRemainingTimeInMillis: () => 1_000 });

    expect(outcome).toMatchObject({ deletedEntries: 0, complete: false });
    expect((await purge({ time: runAt.toISOString() })).deletedEntries).toBe(1);
  });

  test('rejects an event without time', async () => {
    await expect(purge({ time: 'not a time' })).rejects.toThrow('The scheduled event has no valid time.');
  });
});
