import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSInvalidStateException,
  ListResourceTagsCommand,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { credentials, imagesBucket, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

type DataKeysModule = typeof import('../../lambdas/guest-pii/tenant-data-keys');
type TenantKeysModule = typeof import('../../lambdas/guest-pii/tenant-keys');

/** Invented guest name: no real person. */
const guestName = '消去 試験子';
const dayMs = 86_400_000;

describe('tenant keys and offboarding', () => {
  let emulators: HandlerEmulators;
  let kmsNow = Date.now();
  let kms: KMSClient;
  let s3: S3Client;
  let documents: import('@aws-sdk/lib-dynamodb').DynamoDBDocumentClient;
  let tenantKeysModule: TenantKeysModule;
  let dataKeysModule: DataKeysModule;

  beforeAll(async () => {
    emulators = await startHandlerEmulators({ kmsNow: () => kmsNow });
    Object.assign(process.env, emulators.environment);
    kms = new KMSClient({ endpoint: emulators.environment.AWS_ENDPOINT_URL_KMS, region, credentials });
    s3 = new S3Client({ endpoint: emulators.environment.AWS_ENDPOINT_URL_S3, region, credentials, forcePathStyle: true });
    documents = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb')).documentClient;
    tenantKeysModule = require('../../lambdas/guest-pii/tenant-keys');
    dataKeysModule = require('../../lambdas/guest-pii/tenant-data-keys');
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    kms?.destroy();
    s3?.destroy();
    await emulators?.stop();
  });

  /** Builds services with empty key caches, like a cold Lambda container. */
  function freshServices() {
    const tenantKeys = new tenantKeysModule.TenantKeys(kms, { stage: 'test', aliasPrefix: tenantKeysModule.tenantKeyAliasPrefix('test') });
    const dataKeys = new dataKeysModule.TenantDataKeys({ kms, documentClient: documents, registerTable: 'Register', tenantKeys });
    return { tenantKeys, dataKeys };
  }

  /** Stores one sealed field and one sealed image for the tenant, as ingest does. */
  async function storeGuestData(tenantId: string) {
    const { dataKeys } = freshServices();
    const envelope = await dataKeys.envelopeForWrite(tenantId);
    const entryId = randomUUID();
    const sealedName = envelope.encryptField(entryId, 'guests/g1/name', guestName);
    await documents.send(
      new PutCommand({
        TableName: 'Register',
        Item: { pk: `TENANT#${tenantId}`, sk: `ENTRY#${entryId}`, keyPeriod: envelope.keyPeriod, sealedName },
      }),
    );
    const image = randomBytes(1024);
    await s3.send(
      new PutObjectCommand({ Bucket: imagesBucket, Key: `register/${tenantId}/${entryId}/img-1`, Body: envelope.encryptImage(entryId, 'img-1', image) }),
    );
    return { entryId, keyPeriod: envelope.keyPeriod, sealedName, image };
  }

  async function registerItems(tenantId: string): Promise<Record<string, unknown>[]> {
    const result = await documents.send(
      new QueryCommand({ TableName: 'Register', KeyConditionExpression: 'pk = :tenant', ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}` } }),
    );
    return result.Items ?? [];
  }

  test('first write creates rotating tenant key', async () => {
    const tenantId = `tenant-${randomUUID()}`;

    await storeGuestData(tenantId);

    const alias = `${tenantKeysModule.tenantKeyAliasPrefix('test')}${tenantId}`;
    const described = await kms.send(new DescribeKeyCommand({ KeyId: alias }));
    const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: described.KeyMetadata!.Arn }));
    const tags = await kms.send(new ListResourceTagsCommand({ KeyId: described.KeyMetadata!.Arn }));
    expect(rotation.KeyRotationEnabled).toBe(true);
    expect(tags.Tags).toEqual(
      expect.arrayContaining([
        { TagKey: 'open-sesame:stage', TagValue: 'test' },
        { TagKey: 'open-sesame:tenant', TagValue: tenantId },
      ]),
    );
  });

  test('tenants get separate keys', async () => {
    const first = `tenant-${randomUUID()}`;
    const second = `tenant-${randomUUID()}`;
    const { tenantKeys } = freshServices();

    const [firstArn, secondArn] = await Promise.all([tenantKeys.keyArnFor(first), tenantKeys.keyArnFor(second)]);

    expect(firstArn).not.toBe(secondArn);
  });

  test('concurrent creation yields one key', async () => {
    const tenantId = `tenant-${randomUUID()}`;

    const arns = await Promise.all([freshServices().tenantKeys.keyArnFor(tenantId), freshServices().tenantKeys.keyArnFor(tenantId)]);

    expect(arns[0]).toBe(arns[1]);
  });

  test('shredding affects one tenant only', async () => {
    const leaving = `tenant-leaving-${randomUUID()}`;
    const staying = `tenant-staying-${randomUUID()}`;
    const leavingData = await storeGuestData(leaving);
    const stayingData = await storeGuestData(staying);
    // What a DynamoDB backup taken before offboarding would hold.
    const backup = await registerItems(leaving);
    expect(backup.some((item) => String(item.sk).startsWith('DATAKEY#'))).toBe(true);
    const { shredTenantData } = require('../../lambdas/guest-pii/tenant-offboarding') as typeof import('../../lambdas/guest-pii/tenant-offboarding');

    const result = await shredTenantData(
      { tenantKeys: freshServices().tenantKeys, documents, registerTable: 'Register', s3, imagesBucket },
      leaving,
      7,
    );

    expect(result.deletedRegisterItems).toBe(backup.length);
    expect(result.deletedImages).toBe(1);
    expect(await registerItems(leaving)).toEqual([]);
    await expect(
      s3.send(new GetObjectCommand({ Bucket: imagesBucket, Key: `register/${leaving}/${leavingData.entryId}/img-1` })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });

    // Restored from the backup during the waiting period: KMS refuses the pending key.
    for (const item of backup) await documents.send(new PutCommand({ TableName: 'Register', Item: item }));
    await expect(freshServices().dataKeys.envelopeForRead(leaving, leavingData.keyPeriod)).rejects.toBeInstanceOf(KMSInvalidStateException);

    // After the waiting period the key material is gone for good.
    kmsNow += 8 * dayMs;
    await expect(kms.send(new DescribeKeyCommand({ KeyId: result.keyDeletion!.keyArn }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(freshServices().dataKeys.envelopeForRead(leaving, leavingData.keyPeriod)).rejects.toThrow();

    // The other tenant reads its data as before.
    const stayingEnvelope = await freshServices().dataKeys.envelopeForRead(staying, stayingData.keyPeriod);
    expect(stayingEnvelope.decryptField(stayingData.entryId, 'guests/g1/name', stayingData.sealedName)).toBe(guestName);
  });

  test('shredding tenant without key fails', async () => {
    const { shredTenantData } = require('../../lambdas/guest-pii/tenant-offboarding') as typeof import('../../lambdas/guest-pii/tenant-offboarding');

    const attempt = shredTenantData({ tenantKeys: freshServices().tenantKeys, documents, registerTable: 'Register', s3, imagesBucket }, 'tenant-never-seen');

    await expect(attempt).rejects.toThrow('Tenant tenant-never-seen has no KMS key');
  });
});
