import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { checkInTable, credentials, emulatorStartTimeoutMs, imagesBucket, region, startHandlerEmulators, type HandlerEmulators } from './support/handler-emulators';
import { readKioskSealingKey, sealLikeKiosk } from './support/kiosk-seal';
import { registerStayIndex } from '../../lambdas/guest-register/register-stay-index';

const tenantId = 'tenant-batch';
const facilityId = 'facility-batch';
const deviceId = 'device-batch';
const deviceUsername = 'kiosk-device-batch@devices.open-sesame.invalid';
/** Invented guest: no real person. */
const guest = { guestId: 'g-1', name: '架空 一郎', address: '架空県架空市試験町4-5-6', occupation: '会社員', hasAddressInJapan: true };

type IngestModules = {
  handler: typeof import('../../lambdas/check-in/ingest-check-in').handler;
  ingestDependencies: typeof import('../../lambdas/check-in/ingest-check-in').ingestDependencies;
  ingestCheckIn: typeof import('../../lambdas/check-in/check-in-ingestion').ingestCheckIn;
  IngestBatch: typeof import('../../lambdas/check-in/ingest-batch').IngestBatch;
  parseCheckInRecord: typeof import('../../lambdas/check-in/check-in-record').parseCheckInRecord;
  documentClient: typeof import('../../lambdas/aws/dynamodb').documentClient;
};

describe('check-in ingest batch', () => {
  let emulators: HandlerEmulators;
  let modules: IngestModules;
  let publicKeySpki: Uint8Array;
  /** Queries sent through the handlers' document client, by index name. */
  const queriesByIndex = new Map<string, number>();
  /** Projection expressions of those queries on the register's day-count index. */
  const stayProjections: string[] = [];
  let sequence = 0;
  let s3: S3Client;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    modules = {
      ...(require('../../lambdas/check-in/ingest-check-in') as typeof import('../../lambdas/check-in/ingest-check-in')),
      ...(require('../../lambdas/check-in/check-in-ingestion') as typeof import('../../lambdas/check-in/check-in-ingestion')),
      ...(require('../../lambdas/check-in/ingest-batch') as typeof import('../../lambdas/check-in/ingest-batch')),
      ...(require('../../lambdas/check-in/check-in-record') as typeof import('../../lambdas/check-in/check-in-record')),
      ...(require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb')),
    };
    modules.documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        const indexName = (args.input as { IndexName?: string }).IndexName;
        if (context.commandName === 'QueryCommand' && indexName) queriesByIndex.set(indexName, (queriesByIndex.get(indexName) ?? 0) + 1);
        if (indexName === registerStayIndex.name) stayProjections.push((args.input as { ProjectionExpression?: string }).ProjectionExpression ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'countIndexQueries' },
    );

    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    await new TenantRepository(modules.documentClient, 'Directory').createTenant({ tenantId, name: '架空民泊合同会社', contactEmail: 'operator@example.invalid' });
    await new FacilityRepository(modules.documentClient, 'Directory').createFacility({
      tenantId,
      facilityId,
      name: '一括ハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M000000001',
      address: '架空県架空市2-2',
      reportSettings: { annualDayLimit: 2 },
    });
    await new DeviceRepository(modules.documentClient, 'Directory').createDevice({
      tenantId,
      facilityId,
      deviceId,
      cognitoUsername: deviceUsername,
      status: 'active',
      pairedAt: new Date().toISOString(),
    });
    s3 = new S3Client({ endpoint: emulators.environment.AWS_ENDPOINT_URL_S3, region, credentials, forcePathStyle: true });
    publicKeySpki = await readKioskSealingKey(emulators.environment);
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    s3?.destroy();
    await emulators?.stop();
  });

  /**
   * Seals a one-night stay like the kiosk, stores it as AppSync would and returns its stream
   * record. With `withImage`, the record also names one sealed image, uploaded to S3.
   * `lastChangedAt` is the `_lastChangedAt` that AppSync would set, in epoch milliseconds.
   */
  async function prepareStay(
    arrivalDate: string,
    withImage = false,
    lastChangedAt?: number,
  ): Promise<{ checkInId: string; record: DynamoDBRecord }> {
    const checkInId = randomUUID();
    const imageIds = withImage ? [randomUUID()] : [];
    const departureDate = new Date(Date.parse(`${arrivalDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const payload = {
      version: 1,
      checkInId,
      facilityId,
      arrivalDate,
      departureDate,
      language: 'ja',
      consent: { acceptedAt: `${arrivalDate}T16:00:00+09:00`, language: 'ja' },
      guests: [guest],
    };
    const { sealed, sealedImages } = await sealLikeKiosk({
      publicKeySpki,
      keyId: emulators.environment.KIOSK_SEALING_KEY_ID,
      checkInId,
      payload,
      images: Object.fromEntries(imageIds.map((imageId) => [imageId, randomBytes(2048)])),
    });
    for (const [imageId, bytes] of Object.entries(sealedImages)) {
      await s3.send(new PutObjectCommand({ Bucket: imagesBucket, Key: `incoming/${deviceId}/${checkInId}/${imageId}`, Body: bytes }));
    }
    const newImage = marshall({
      id: checkInId,
      facilityId,
      arrivalDate,
      departureDate,
      guestCount: 1,
      imageIds,
      imagesUploaded: true,
      sealed: JSON.stringify(sealed),
      owner: `sub-of-device::${deviceUsername}`,
      _version: 1,
      ...(lastChangedAt === undefined ? {} : { _lastChangedAt: lastChangedAt }),
    });
    await modules.documentClient.send(new PutCommand({ TableName: checkInTable, Item: unmarshall(newImage) }));
    sequence += 1;
    const record = { eventID: `event-${sequence}`, eventName: 'INSERT', dynamodb: { SequenceNumber: String(sequence), NewImage: newImage } };
    return { checkInId, record: record as unknown as DynamoDBRecord };
  }

  /** Revokes the test device unless an earlier test did, and returns its revocation time in epoch milliseconds. */
  async function revokeTestDevice(): Promise<number> {
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    const devices = new DeviceRepository(modules.documentClient, 'Directory');
    await devices.revokeDevice((await devices.getDevice(tenantId, deviceId))!, 'operator-1', new Date());
    return Date.parse((await devices.getDevice(tenantId, deviceId))!.revokedAt!);
  }

  async function entryCheckInIds(): Promise<string[]> {
    const result = await modules.documentClient.send(
      new QueryCommand({
        TableName: 'Register',
        IndexName: 'byFacilityArrival',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}#FACILITY#${facilityId}` },
      }),
    );
    return (result.Items ?? []).map((item) => item.checkInId as string);
  }

  async function capWarnings(): Promise<{ subject: string; body: { text: string } }[]> {
    const store = (await (await fetch(`${emulators.sesEndpoint}/store`)).json()) as { emails: { subject: string; body: { text: string } }[] };
    return store.emails.filter((mail) => mail.subject.startsWith('【180日上限】'));
  }

  test('batch counts its earlier check-ins', async () => {
    const stays = [await prepareStay('2026-06-01'), await prepareStay('2026-06-03'), await prepareStay('2026-06-05')];
    await fetch(`${emulators.sesEndpoint}/clear-store`, { method: 'POST' });
    queriesByIndex.clear();

    const result = await modules.handler({ Records: stays.map((stay) => stay.record) });

    expect(result.batchItemFailures).toEqual([]);
    // The third night is the third day against a limit of two, so only the third check-in warns.
    const warnings = await capWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0].subject).toMatch(/ 3\/2 日/);
    expect(warnings[0].body.text).toContain('2026-06-05 〜 2026-06-06 のチェックインにより');
  });

  test('batch reads device and year once', async () => {
    const stays = [await prepareStay('2026-07-01'), await prepareStay('2026-07-03'), await prepareStay('2026-07-05')];
    queriesByIndex.clear();

    const result = await modules.handler({ Records: stays.map((stay) => stay.record) });

    expect(result.batchItemFailures).toEqual([]);
    expect(queriesByIndex.get('byDeviceUser')).toBe(1);
    expect(queriesByIndex.get(registerStayIndex.name)).toBe(1);
    expect(queriesByIndex.get('byFacilityArrival')).toBeUndefined();
    expect(await entryCheckInIds()).toEqual(expect.arrayContaining(stays.map((stay) => stay.checkInId)));
  });

  test('cap count reads no guests', async () => {
    const stay = await prepareStay('2026-09-01');
    stayProjections.length = 0;

    expect((await modules.handler({ Records: [stay.record] })).batchItemFailures).toEqual([]);

    expect(stayProjections).toHaveLength(1);
    expect(stayProjections[0]).toContain('departureDate');
    expect(stayProjections[0]).not.toContain('guests');
  });

  test('stay index holds no guests', async () => {
    const stay = await prepareStay('2026-09-05');
    expect((await modules.handler({ Records: [stay.record] })).batchItemFailures).toEqual([]);

    const { Items = [] } = await modules.documentClient.send(
      new QueryCommand({
        TableName: 'Register',
        IndexName: registerStayIndex.name,
        KeyConditionExpression: 'gsi1pk = :facility AND begins_with(gsi1sk, :arrival)',
        ExpressionAttributeValues: { ':facility': `TENANT#${tenantId}#FACILITY#${facilityId}`, ':arrival': '2026-09-05#' },
      }),
    );

    expect(Items).toHaveLength(1);
    expect(Items[0].arrivalDate).toBe('2026-09-05');
    expect(Items[0].guests).toBeUndefined();
    const allowed = new Set<string>(['pk', 'sk', 'gsi1pk', 'gsi1sk', ...registerStayIndex.attributes]);
    expect(Object.keys(Items[0]).filter((name) => !allowed.has(name))).toEqual([]);
  });

  test('device revoked during batch', async () => {
    const { DeviceRepository } = require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository');
    const devices = new DeviceRepository(modules.documentClient, 'Directory');
    const before = await prepareStay('2026-08-01');
    const after = await prepareStay('2026-08-03', true);
    // Sent while the device was active, so the revocation between read and write does not stop it.
    const sentBeforeRevocation = await prepareStay('2026-08-05', false, Date.now() - 1_000);
    const batch = new modules.IngestBatch(modules.ingestDependencies);
    const parse = (record: DynamoDBRecord) => modules.parseCheckInRecord(record.dynamodb!.NewImage as never);

    await expect(modules.ingestCheckIn(modules.ingestDependencies, parse(before.record), batch)).resolves.toBe('ingested');
    const device = (await devices.getDevice(tenantId, deviceId))!;
    await devices.revokeDevice(device, 'operator-1', new Date());
    const rejected = modules.ingestCheckIn(modules.ingestDependencies, parse(after.record), batch);

    await expect(rejected).rejects.toMatchObject({ name: 'CheckInRejectedError' });
    const sentBefore = modules.ingestCheckIn(modules.ingestDependencies, parse(sentBeforeRevocation.record), batch);
    await expect(sentBefore).resolves.toBe('ingested');
    const ingested = await entryCheckInIds();
    expect(ingested).toContain(before.checkInId);
    expect(ingested).not.toContain(after.checkInId);
    expect(ingested).toContain(sentBeforeRevocation.checkInId);
    // The rejected check-in's image was copied to the register before the transaction failed.
    const registerImages = await s3.send(new ListObjectsV2Command({ Bucket: imagesBucket, Prefix: `register/${tenantId}/` }));
    expect(registerImages.Contents ?? []).toEqual([]);
  });

  test('revoked device: only earlier changes ingested', async () => {
    const revokedAt = await revokeTestDevice();
    const changedBefore = await prepareStay('2026-10-01', false, revokedAt - 1_000);
    const changedAfter = await prepareStay('2026-10-03', false, revokedAt + 1_000);
    const unknownChange = await prepareStay('2026-10-05');

    const result = await modules.handler({ Records: [changedBefore.record, changedAfter.record, unknownChange.record] });

    const ingested = await entryCheckInIds();
    expect(ingested).toContain(changedBefore.checkInId);
    expect(ingested).not.toContain(changedAfter.checkInId);
    expect(ingested).not.toContain(unknownChange.checkInId);
    expect(result.batchItemFailures).toHaveLength(2);
  });

  test('offboarded tenant gets no entries', async () => {
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const revokedAt = await revokeTestDevice();
    const first = await prepareStay('2026-11-01', false, revokedAt - 1_000);
    const duringOffboarding = await prepareStay('2026-11-03', false, revokedAt - 1_000);
    const afterOffboarding = await prepareStay('2026-11-05', false, revokedAt - 1_000);
    const batch = new modules.IngestBatch(modules.ingestDependencies);
    const parse = (record: DynamoDBRecord) => modules.parseCheckInRecord(record.dynamodb!.NewImage as never);

    await expect(modules.ingestCheckIn(modules.ingestDependencies, parse(first.record), batch)).resolves.toBe('ingested');
    await new TenantRepository(modules.documentClient, 'Directory').markOffboarded(tenantId, {
      at: new Date(),
      basis: 'test',
      reference: 'TEST-1',
    });
    // The batch read the tenant before it was marked, so only the entry's transaction can stop this one.
    const during = modules.ingestCheckIn(modules.ingestDependencies, parse(duringOffboarding.record), batch);
    await expect(during).rejects.toMatchObject({ name: 'CheckInRejectedError' });
    const result = await modules.handler({ Records: [afterOffboarding.record] });

    expect(result.batchItemFailures).toHaveLength(1);
    const ingested = await entryCheckInIds();
    expect(ingested).toContain(first.checkInId);
    expect(ingested).not.toContain(duringOffboarding.checkInId);
    expect(ingested).not.toContain(afterOffboarding.checkInId);
  });
});
