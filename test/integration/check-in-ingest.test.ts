import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyStructuredResultV2, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';
import { apiEvent, operatorClaims } from './support/api-events';
import { checkInTable, credentials, imagesBucket, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { readKioskSealingKey, sealLikeKiosk } from './support/kiosk-seal';
import type { GrantablePermission } from '../../lambdas/organisation/permissions';
import { maxNights } from '../../kiosk/src/check-in/stay-dates';

type Handlers = {
  ingest: typeof import('../../lambdas/check-in/ingest-check-in').handler;
  listEntries: typeof import('../../lambdas/guest-register/list-register-entries').handler;
  getEntry: typeof import('../../lambdas/guest-register/get-register-entry').handler;
  getImage: typeof import('../../lambdas/guest-register/get-guest-image').handler;
  listAudit: typeof import('../../lambdas/guest-register/list-audit-records').handler;
};

const tenantId = 'tenant-ingest';
const facilityId = 'facility-1';
const deviceId = 'device-1';
const deviceUsername = 'kiosk-device-1@devices.open-sesame.invalid';
const operatorId = 'operator-1';
/** Office of the test facility, so that staff users of that office reach its register. */
const officeId = 'office-ingest';
const staffId = 'staff-1';

/** Invented guests: no real person. */
const residentGuest = {
  guestId: 'g-resident',
  name: '検証 花子',
  address: '架空県架空市試験町1-2-3',
  occupation: '会社員',
  hasAddressInJapan: true,
};
const foreignGuest = {
  guestId: 'g-foreign',
  name: 'Testa Nominata',
  address: '42 Fictional Lane, Nowhere',
  occupation: 'Cartographer',
  hasAddressInJapan: false,
  nationality: 'GB',
  passportNumber: 'TN1234567',
  passportImageId: randomUUID(),
};
const piiStrings = [residentGuest.name, residentGuest.address, foreignGuest.name, foreignGuest.address, foreignGuest.passportNumber];

describe('check-in ingest and register', () => {
  let emulators: HandlerEmulators;
  let handlers: Handlers;
  let s3: S3Client;
  let publicKeySpki: Uint8Array;
  let output = '';
  const restoreWrites: (() => void)[] = [];
  let sequence = 0;

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restoreWrites.push(() => (stream.write = original));
    }

    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { TenantRepository } = (require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository'));
    const { FacilityRepository } = (require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository'));
    const { DeviceRepository } = (require('../../lambdas/device/device-repository') as typeof import('../../lambdas/device/device-repository'));
    await new TenantRepository(documentClient, 'Directory').createTenant({
      tenantId,
      name: '検証民泊株式会社',
      contactEmail: 'operator@example.invalid',
    });
    // The operator's role and offices come from the Directory record, not from the token.
    await new TenantRepository(documentClient, 'Directory').putOperatorUser({
      tenantId,
      userId: operatorId,
      email: 'operator@example.invalid',
      role: 'owner',
    });
    await new TenantRepository(documentClient, 'Directory').createTenant({ tenantId: 'tenant-other', name: '他社', contactEmail: 'other@example.invalid' });
    await new TenantRepository(documentClient, 'Directory').putOperatorUser({
      tenantId: 'tenant-other',
      userId: operatorId,
      email: 'other@example.invalid',
      role: 'owner',
    });
    await new FacilityRepository(documentClient, 'Directory').createFacility({
      tenantId,
      facilityId,
      name: '試験ハウス',
      licenceType: 'private-lodging',
      licenceNumber: 'M000000000',
      address: '架空県架空市1-1',
      officeId,
    });
    await new DeviceRepository(documentClient, 'Directory').createDevice({
      tenantId,
      facilityId,
      deviceId,
      cognitoUsername: deviceUsername,
      status: 'active',
      pairedAt: new Date().toISOString(),
    });

    handlers = {
      ingest: (require('../../lambdas/check-in/ingest-check-in') as typeof import('../../lambdas/check-in/ingest-check-in')).handler,
      listEntries: (require('../../lambdas/guest-register/list-register-entries') as typeof import('../../lambdas/guest-register/list-register-entries')).handler,
      getEntry: (require('../../lambdas/guest-register/get-register-entry') as typeof import('../../lambdas/guest-register/get-register-entry')).handler,
      getImage: (require('../../lambdas/guest-register/get-guest-image') as typeof import('../../lambdas/guest-register/get-guest-image')).handler,
      listAudit: (require('../../lambdas/guest-register/list-audit-records') as typeof import('../../lambdas/guest-register/list-audit-records')).handler,
    };
    s3 = new S3Client({ endpoint: emulators.environment.AWS_ENDPOINT_URL_S3, region, credentials, forcePathStyle: true });
    publicKeySpki = await readKioskSealingKey(emulators.environment);
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    restoreWrites.forEach((restore) => restore());
    s3?.destroy();
    await emulators?.stop();
  });

  /** Seals a check-in like the kiosk, uploads its images and returns its stream record. */
  async function prepareCheckIn(options: {
    guests?: unknown[];
    recordFacilityId?: string;
    uploadImages?: boolean;
    arrivalDate?: string;
    nights?: number;
    /** The consent time; 15:00 in Japan on the arrival date by default. */
    acceptedAt?: string;
  } = {}): Promise<{ checkInId: string; record: DynamoDBRecord; image: Buffer }> {
    const checkInId = randomUUID();
    const guests = options.guests ?? [residentGuest, { ...foreignGuest, passportImageId: randomUUID() }];
    const imageIds = guests.flatMap((guest) => {
      const id = (guest as { passportImageId?: string }).passportImageId;
      return id ? [id] : [];
    });
    const image = randomBytes(4096);
    const arrivalDate = options.arrivalDate ?? '2026-05-10';
    const departureDate = new Date(Date.parse(`${arrivalDate}T00:00:00Z`) + (options.nights ?? 2) * 86_400_000).toISOString().slice(0, 10);
    const payload = {
      version: 1,
      checkInId,
      facilityId,
      arrivalDate,
      departureDate,
      language: 'en',
      consent: { acceptedAt: options.acceptedAt ?? `${arrivalDate}T15:00:00+09:00`, language: 'en' },
      guests,
    };
    const { sealed, sealedImages } = await sealLikeKiosk({
      publicKeySpki,
      keyId: emulators.environment.KIOSK_SEALING_KEY_ID,
      checkInId,
      payload,
      images: Object.fromEntries(imageIds.map((id) => [id, image])),
    });
    if (options.uploadImages ?? true) {
      for (const [imageId, bytes] of Object.entries(sealedImages)) {
        await s3.send(
          new PutObjectCommand({ Bucket: imagesBucket, Key: `incoming/${deviceId}/${checkInId}/${imageId}`, Body: bytes }),
        );
      }
    }
    sequence += 1;
    const newImage = marshall({
      id: checkInId,
      facilityId: options.recordFacilityId ?? facilityId,
      arrivalDate: payload.arrivalDate,
      departureDate: payload.departureDate,
      guestCount: guests.length,
      imageIds,
      imagesUploaded: true,
      sealed: JSON.stringify(sealed),
      owner: `sub-of-device::${deviceUsername}`,
      _version: 2,
    });
    const record = {
      eventID: `event-${sequence}`,
      eventName: 'MODIFY',
      dynamodb: { SequenceNumber: String(sequence), NewImage: newImage },
    } as unknown as DynamoDBRecord;
    // The record as AppSync stored it, so that ingest can set its TTL.
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    await documentClient.send(new PutCommand({ TableName: checkInTable, Item: unmarshall(newImage) }));
    return { checkInId, record, image };
  }

  function streamEvent(...records: DynamoDBRecord[]): DynamoDBStreamEvent {
    return { Records: records };
  }

  async function entriesOfFacility(): Promise<Record<string, unknown>[]> {
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const result = await documentClient.send(
      new QueryCommand({
        TableName: 'Register',
        IndexName: 'byFacilityArrival',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}#FACILITY#${facilityId}` },
      }),
    );
    return result.Items ?? [];
  }

  function json(result: APIGatewayProxyStructuredResultV2): any {
    return JSON.parse(result.body as string);
  }

  test('ingest stores encrypted entry', async () => {
    const { checkInId, record } = await prepareCheckIn({ arrivalDate: '2026-04-01' });

    const result = await handlers.ingest(streamEvent(record));

    expect(result.batchItemFailures).toEqual([]);
    const entry = (await entriesOfFacility()).find((item) => item.checkInId === checkInId)!;
    expect(entry).toBeDefined();
    expect(entry.guestCount).toBe(2);
    const stored = JSON.stringify(entry);
    for (const pii of piiStrings) expect(stored).not.toContain(pii);
  });

  test('ingest moves images and mails operator', async () => {
    const { checkInId, record } = await prepareCheckIn({ arrivalDate: '2026-04-02' });
    const imageId = JSON.parse(JSON.stringify(record.dynamodb!.NewImage!.imageIds)).L[0].S as string;
    await fetch(`${emulators.sesEndpoint}/clear-store`, { method: 'POST' });

    await handlers.ingest(streamEvent(record));

    const incoming = s3.send(new HeadObjectCommand({ Bucket: imagesBucket, Key: `incoming/${deviceId}/${checkInId}/${imageId}` }));
    await expect(incoming).rejects.toMatchObject({ name: 'NotFound' });
    const entry = (await entriesOfFacility()).find((item) => item.checkInId === checkInId)!;
    await s3.send(new HeadObjectCommand({ Bucket: imagesBucket, Key: `register/${tenantId}/${entry.entryId}/${imageId}` }));
    const store = (await (await fetch(`${emulators.sesEndpoint}/store`)).json()) as { emails: Record<string, any>[] };
    expect(store.emails).toHaveLength(1);
    const mail = JSON.stringify(store.emails[0]);
    expect(mail).toContain('試験ハウス');
    expect(mail).toContain('2026-04-02');
    for (const pii of piiStrings) expect(mail).not.toContain(pii);
  });

  test('replayed check-in is no-op', async () => {
    const { checkInId, record } = await prepareCheckIn({ arrivalDate: '2026-04-03' });

    const first = await handlers.ingest(streamEvent(record));
    const replay = await handlers.ingest(streamEvent(record));

    expect(first.batchItemFailures).toEqual([]);
    expect(replay.batchItemFailures).toEqual([]);
    const matching = (await entriesOfFacility()).filter((item) => item.checkInId === checkInId);
    expect(matching).toHaveLength(1);
  });

  test('bad record does not block batch', async () => {
    const mismatch = await prepareCheckIn({ recordFacilityId: 'facility-of-someone-else' });
    const good = await prepareCheckIn({ arrivalDate: '2026-04-04' });

    const result = await handlers.ingest(streamEvent(mismatch.record, good.record));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: mismatch.record.dynamodb!.SequenceNumber }]);
    const checkInIds = (await entriesOfFacility()).map((item) => item.checkInId);
    expect(checkInIds).toContain(good.checkInId);
    expect(checkInIds).not.toContain(mismatch.checkInId);
  });

  test('missing passport image fails record', async () => {
    const { checkInId, record } = await prepareCheckIn({ uploadImages: false });

    const result = await handlers.ingest(streamEvent(record));

    expect(result.batchItemFailures).toHaveLength(1);
    expect((await entriesOfFacility()).map((item) => item.checkInId)).not.toContain(checkInId);
  });

  test('foreign guest without passport fails', async () => {
    const { passportNumber: _omitted, ...withoutPassport } = foreignGuest;
    const { record } = await prepareCheckIn({ guests: [withoutPassport] });

    const result = await handlers.ingest(streamEvent(record));

    expect(result.batchItemFailures).toHaveLength(1);
    expect(output).toContain('guests.0.passportNumber');
  });

  test('bidi override in address fails', async () => {
    const spoofedAddress = `${residentGuest.address}\u202E`;
    const { checkInId, record } = await prepareCheckIn({ guests: [{ ...residentGuest, address: spoofedAddress }] });

    const result = await handlers.ingest(streamEvent(record));

    expect(result.batchItemFailures).toHaveLength(1);
    expect(output).toContain('guests.0.address: 制御文字または文字の向きを変える文字を含んでいます');
    expect(output).toContain('contains a control or bidirectional formatting character');
    expect(output).not.toContain(residentGuest.address);
    expect((await entriesOfFacility()).map((item) => item.checkInId)).not.toContain(checkInId);
  });

  test('arrival after consent date fails', async () => {
    const { checkInId, record } = await prepareCheckIn({
      guests: [residentGuest],
      arrivalDate: '2031-01-01',
      nights: 364,
      acceptedAt: '2026-05-10T15:00:00+09:00',
    });

    const result = await handlers.ingest(streamEvent(record));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb!.SequenceNumber }]);
    expect(output).toContain('arrivalDate: not after the date in Japan of consent.acceptedAt');
    expect(output).toContain(`departureDate: at most ${maxNights} nights after arrivalDate`);
    expect(output).toContain(checkInId);
    expect((await entriesOfFacility()).map((item) => item.checkInId)).not.toContain(checkInId);
  });

  test('arrival checked against consent, not ingest', async () => {
    const { ingestDependencies } = require('../../lambdas/check-in/ingest-check-in') as typeof import('../../lambdas/check-in/ingest-check-in');
    const { ingestCheckIn } = require('../../lambdas/check-in/check-in-ingestion') as typeof import('../../lambdas/check-in/check-in-ingestion');
    const { parseCheckInRecord } = require('../../lambdas/check-in/check-in-record') as typeof import('../../lambdas/check-in/check-in-record');
    // Made offline after midnight, for the guest who arrived the evening before, and synced days later.
    const { checkInId, record } = await prepareCheckIn({
      guests: [residentGuest],
      arrivalDate: '2026-09-14',
      acceptedAt: '2026-09-15T01:20:00+09:00',
    });

    const outcome = await ingestCheckIn(
      { ...ingestDependencies, now: () => new Date('2026-09-20T03:00:00Z') },
      parseCheckInRecord(record.dynamodb!.NewImage as never),
    );

    expect(outcome).toBe('ingested');
    expect((await entriesOfFacility()).map((item) => item.checkInId)).toContain(checkInId);
  });

  test('records not yet uploaded are skipped', async () => {
    const { record } = await prepareCheckIn();
    record.dynamodb!.NewImage!.imagesUploaded = { BOOL: false };
    const before = (await entriesOfFacility()).length;

    const result = await handlers.ingest(streamEvent(record));

    expect(result.batchItemFailures).toEqual([]);
    expect(await entriesOfFacility()).toHaveLength(before);
  });

  test('register list decrypts names for owner', async () => {
    const { checkInId } = await ingestOne('2026-06-01');

    const result = await handlers.listEntries(
      apiEvent({ claims: operatorClaims(tenantId, operatorId, 'owner'), queryStringParameters: { facilityId, from: '2026-06-01', to: '2026-06-30' } }),
    );

    expect(result.statusCode).toBe(200);
    const body = json(result);
    const entry = body.entries.find((item: { checkInId: string }) => item.checkInId === checkInId);
    expect(entry.guests.map((guest: { name: string }) => guest.name)).toEqual([residentGuest.name, foreignGuest.name]);
  });

  test('register list masks names for staff', async () => {
    const { checkInId } = await ingestOne('2026-06-02');
    await putUser({ userId: staffId, role: 'staff' });

    const result = await handlers.listEntries(
      apiEvent({ claims: operatorClaims(tenantId, staffId, 'staff'), queryStringParameters: { facilityId, from: '2026-06-02', to: '2026-06-02' } }),
    );

    expect(result.statusCode).toBe(200);
    const entry = json(result).entries.find((item: { checkInId: string }) => item.checkInId === checkInId);
    expect(entry.guests.map((guest: { name: string }) => guest.name)).toEqual(['検証 ●●', 'Testa ●●']);
    for (const pii of piiStrings) expect(result.body).not.toContain(pii);
  });

  test('entry detail masks every field for staff', async () => {
    const { entryId } = await ingestOne('2026-06-03');
    await putUser({ userId: staffId, role: 'staff' });

    const result = await handlers.getEntry(apiEvent({ claims: operatorClaims(tenantId, staffId, 'staff'), pathParameters: { entryId } }));

    expect(result.statusCode).toBe(200);
    const body = json(result);
    expect(body.disclosure).toBe('masked');
    expect(body.guests[1]).toMatchObject({ name: 'Testa ●●', address: '●●●●', occupation: '●●●●', passportNumber: '●●●●4567', nationality: 'GB' });
    for (const pii of piiStrings) expect(result.body).not.toContain(pii);
  });

  test('staff with PII grant sees names', async () => {
    const { entryId } = await ingestOne('2026-06-10');
    const grantedId = `granted-${randomUUID()}`;
    await putUser({ userId: grantedId, role: 'staff', grants: ['register:read-pii'] });

    const result = await handlers.getEntry(apiEvent({ claims: operatorClaims(tenantId, grantedId, 'staff'), pathParameters: { entryId } }));

    expect(result.statusCode).toBe(200);
    expect(json(result).disclosure).toBe('full');
    expect(json(result).guests[0].name).toBe(residentGuest.name);
  });

  test('staff cannot open passport image', async () => {
    const { entryId, passportImageId } = await ingestOne('2026-06-04');
    await putUser({ userId: staffId, role: 'staff' });

    const result = await handlers.getImage(
      apiEvent({ claims: operatorClaims(tenantId, staffId, 'staff'), pathParameters: { entryId, imageId: passportImageId } }),
    );

    expect(result.statusCode).toBe(403);
    expect(json(result).error.message).toContain('register:read-pii');
  });

  test('field copied to other entry fails', async () => {
    const source = await ingestOne('2026-06-05');
    const target = await ingestOne('2026-06-06');
    await copyGuestFields({ fromTenant: tenantId, fromEntry: source.entryId, toTenant: tenantId, toEntry: target.entryId });

    const result = await handlers.getEntry(apiEvent({ claims: operatorClaims(tenantId, operatorId), pathParameters: { entryId: target.entryId } }));

    expect(result.statusCode).toBe(500);
    for (const pii of piiStrings) expect(result.body).not.toContain(pii);
  });

  test('entry copied to other tenant fails', async () => {
    const source = await ingestOne('2026-06-07');
    const otherTenant = `tenant-copy-${randomUUID()}`;
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { TenantRepository } = (require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository'));
    await new TenantRepository(documentClient, 'Directory').createTenant({ tenantId: otherTenant, name: '複製先', contactEmail: 'copy@example.invalid' });
    await putUser({ tenantId: otherTenant, userId: operatorId, role: 'owner' });
    await copyEntryToTenant(source.entryId, otherTenant);

    const result = await handlers.getEntry(
      apiEvent({ claims: operatorClaims(otherTenant, operatorId), pathParameters: { entryId: source.entryId } }),
    );

    expect(result.statusCode).toBe(500);
    for (const pii of piiStrings) expect(result.body).not.toContain(pii);
  });

  test('image copied to other entry fails', async () => {
    const source = await ingestOne('2026-06-08');
    const target = await ingestOne('2026-06-09');
    const sourceObject = await s3.send(
      new GetObjectCommand({ Bucket: imagesBucket, Key: `register/${tenantId}/${source.entryId}/${source.passportImageId}` }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: imagesBucket,
        Key: `register/${tenantId}/${target.entryId}/${target.passportImageId}`,
        Body: Buffer.from(await sourceObject.Body!.transformToByteArray()),
      }),
    );

    const result = await handlers.getImage(
      apiEvent({ claims: operatorClaims(tenantId, operatorId), pathParameters: { entryId: target.entryId, imageId: target.passportImageId } }),
    );

    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain(source.image.toString('base64').slice(0, 40));
  });

  test('register page costs one KMS call', async () => {
    for (const day of ['2026-07-01', '2026-07-02', '2026-07-03']) await ingestOne(day);
    const { handler: freshList } = await isolatedListHandler();
    emulators.resetKmsCalls();

    const result = await freshList(
      apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { facilityId, from: '2026-07-01', to: '2026-07-31' } }),
    );

    expect(json(result).entries).toHaveLength(3);
    expect(emulators.kmsCalls()).toEqual({ Decrypt: 1 });
  });

  test('register list pages with cursor', async () => {
    for (const day of ['2026-08-01', '2026-08-02', '2026-08-03']) await ingestOne(day);
    const query = { facilityId, from: '2026-08-01', to: '2026-08-31', limit: '2' };

    const first = json(await handlers.listEntries(apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: query })));
    const second = json(
      await handlers.listEntries(
        apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { ...query, cursor: first.nextCursor } }),
      ),
    );

    expect(first.entries.map((entry: { arrivalDate: string }) => entry.arrivalDate)).toEqual(['2026-08-01', '2026-08-02']);
    expect(second.entries.map((entry: { arrivalDate: string }) => entry.arrivalDate)).toEqual(['2026-08-03']);
  });

  test('cursor of other tenant rejected', async () => {
    const forged = Buffer.from(
      JSON.stringify({ pk: 'TENANT#other', sk: 'ENTRY#x', gsi1pk: `TENANT#other#FACILITY#${facilityId}`, gsi1sk: '2026-01-01#x' }),
    ).toString('base64url');

    const result = await handlers.listEntries(
      apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { facilityId, cursor: forged } }),
    );

    expect(result.statusCode).toBe(400);
    expect(json(result).error).toMatchObject({ code: 'invalid_request', field: 'cursor' });
  });

  test('unknown facility is not found', async () => {
    const result = await handlers.listEntries(
      apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { facilityId: 'facility-of-nobody' } }),
    );

    expect(result.statusCode).toBe(404);
    expect(json(result).error.field).toBe('facilityId');
  });

  test('empty range of known facility', async () => {
    const result = await handlers.listEntries(
      apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { facilityId, from: '1990-01-01', to: '1990-01-31' } }),
    );

    expect(result.statusCode).toBe(200);
    expect(json(result).entries).toEqual([]);
  });

  // Without facilityId the list covers every facility (register-all-facilities.test.ts).
  test('blank facilityId names field', async () => {
    const result = await handlers.listEntries(apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { facilityId: ' ' } }));

    expect(result.statusCode).toBe(400);
    const { error } = json(result);
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe('facilityId');
    expect(error.message).toMatch(/^施設 ID: .+ \/ facility ID: .+$/);
  });

  test.each(['2026-02-30', '2026-13-01', '2025-02-29'])('impossible calendar date %s in from is rejected', async (from) => {
    const result = await handlers.listEntries(apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { facilityId, from } }));

    expect(result.statusCode).toBe(400);
    expect(json(result).error.field).toBe('from');
    expect(json(result).error.message).toBe('到着日（から）: YYYY-MM-DD の日付で指定してください / arrival date (from): not a YYYY-MM-DD date');
  });

  test('entry detail decrypts every field', async () => {
    const { entryId } = await ingestOne('2026-09-01');

    const result = await handlers.getEntry(apiEvent({ claims: operatorClaims(tenantId, operatorId, 'manager'), pathParameters: { entryId } }));

    expect(result.statusCode).toBe(200);
    const [resident, foreign] = json(result).guests;
    expect(resident).toMatchObject({ name: residentGuest.name, address: residentGuest.address, occupation: residentGuest.occupation });
    expect(foreign).toMatchObject({ name: foreignGuest.name, passportNumber: foreignGuest.passportNumber, nationality: 'GB' });
  });

  test('guest image decrypts to JPEG bytes', async () => {
    const { entryId, image, passportImageId } = await ingestOne('2026-09-02');

    const result = await handlers.getImage(
      apiEvent({ claims: operatorClaims(tenantId, operatorId), pathParameters: { entryId, imageId: passportImageId } }),
    );

    expect(result.statusCode).toBe(200);
    expect(json(result).contentType).toBe('image/jpeg');
    expect(Buffer.from(json(result).dataBase64, 'base64')).toEqual(image);
  });

  test('staff of another office sees no entry', async () => {
    const { entryId } = await ingestOne('2026-09-04');
    const staffId = `staff-elsewhere-${randomUUID()}`;
    const { documentClient: directory } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { TenantRepository } = (require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository'));
    await new TenantRepository(directory, 'Directory').putOperatorUser({ tenantId, userId: staffId, email: `${staffId}@example.invalid`, role: 'staff', officeIds: ['office-elsewhere'] });
    const claims = operatorClaims(tenantId, staffId, 'staff');

    const entry = await handlers.getEntry(apiEvent({ claims, pathParameters: { entryId } }));
    const list = await handlers.listEntries(apiEvent({ claims, queryStringParameters: { facilityId, from: '2026-09-01', to: '2026-09-30' } }));

    expect(entry.statusCode).toBe(404);
    expect(list.statusCode).toBe(404);
    for (const pii of [residentGuest.name, foreignGuest.name]) {
      expect(entry.body).not.toContain(pii);
      expect(list.body).not.toContain(pii);
    }
  });

  test('every decryption is audited', async () => {
    const { entryId } = await ingestOne('2026-09-03');
    const userId = `auditor-${randomUUID()}`;
    const { documentClient: directory } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { TenantRepository } = (require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository'));
    await new TenantRepository(directory, 'Directory').putOperatorUser({ tenantId, userId, email: `${userId}@example.invalid`, role: 'owner' });

    await handlers.getEntry(apiEvent({ claims: operatorClaims(tenantId, userId), pathParameters: { entryId } }));

    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const audit = await documentClient.send(
      new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
    );
    const records = (audit.Items ?? []).filter((item: Record<string, unknown>) => item.userId === userId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'view', disclosure: 'full', entryIds: [entryId], resource: 'register-entry' });
  });

  test('printing is audited as print', async () => {
    const { entryId } = await ingestOne('2026-09-06');
    const userId = `printer-${randomUUID()}`;
    await putUser({ userId, role: 'owner' });

    await handlers.getEntry(apiEvent({ claims: operatorClaims(tenantId, userId), pathParameters: { entryId }, queryStringParameters: { purpose: 'print' } }));

    const records = await auditRecordsOf(userId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'print', entryIds: [entryId] });
  });

  test('masked view is audited as masked', async () => {
    const { entryId } = await ingestOne('2026-09-07');
    const userId = `staff-${randomUUID()}`;
    await putUser({ userId, role: 'staff' });

    await handlers.getEntry(apiEvent({ claims: operatorClaims(tenantId, userId, 'staff'), pathParameters: { entryId } }));

    expect(await auditRecordsOf(userId)).toEqual([expect.objectContaining({ action: 'view', disclosure: 'masked' })]);
  });

  test('register list date bounds optional', async () => {
    // The other tests of this file use arrival dates in 2026 and tamper with some of those
    // entries, so this test reads only the ends of the facility's index.
    const early = await ingestOne('2024-02-15');
    const late = await ingestOne('2028-02-15');
    const claims = operatorClaims(tenantId, operatorId);
    const list = async (dates: Record<string, string>) => {
      const result = await handlers.listEntries(apiEvent({ claims, queryStringParameters: { facilityId, ...dates } }));
      expect(result.statusCode).toBe(200);
      return json(result) as { entries: { entryId: string }[]; nextCursor?: string };
    };

    const firstOfAll = await list({ limit: '1' });
    expect(firstOfAll.entries.map((entry) => entry.entryId)).toEqual([early.entryId]);
    expect(firstOfAll.nextCursor).toBeDefined();

    const fromOnly = await list({ from: '2028-01-01' });
    expect(fromOnly.entries.map((entry) => entry.entryId)).toEqual([late.entryId]);

    const toOnly = await list({ to: '2024-12-31' });
    expect(toOnly.entries.map((entry) => entry.entryId)).toEqual([early.entryId]);
  });

  test('register list page is audited', async () => {
    for (const day of ['2026-09-11', '2026-09-12']) await ingestOne(day);
    const userId = `owner-${randomUUID()}`;
    await putUser({ userId, role: 'owner' });

    const result = await handlers.listEntries(
      apiEvent({ claims: operatorClaims(tenantId, userId), queryStringParameters: { facilityId, from: '2026-09-11', to: '2026-09-12' } }),
    );

    expect(result.statusCode).toBe(200);
    const listedIds = json(result).entries.map((entry: { entryId: string }) => entry.entryId);
    expect(listedIds).toHaveLength(2);
    const records = await auditRecordsOf(userId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'view', disclosure: 'full', resource: 'register-list', userId, tenantId });
    expect(records[0].entryIds).toEqual(listedIds);
  });

  test('register list fails without audit record', async () => {
    await ingestOne('2026-09-13');
    const listWithoutAudit = handlerWithMissingAuditTable();

    const result = await listWithoutAudit(
      apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { facilityId, from: '2026-09-13', to: '2026-09-13' } }),
    );

    expect(result.statusCode).toBe(500);
    for (const pii of piiStrings) expect(result.body).not.toContain(pii);
  });

  test('entry keeps 3 years of retention', async () => {
    const { entryId } = await ingestOne('2026-09-08');
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));

    const { Item } = await documentClient.send(new GetCommand({ TableName: 'Register', Key: { pk: `TENANT#${tenantId}`, sk: `ENTRY#${entryId}` } }));

    const created = new Date(Item!.createdAt as string);
    const expiry = new Date(created);
    expiry.setUTCFullYear(created.getUTCFullYear() + 3);
    expect(Item!.expiresAt).toBe(Math.floor(expiry.getTime() / 1000));
  });

  test('kiosk token cannot read register', async () => {
    const { entryId } = await ingestOne('2026-09-04');
    const kioskClaims = { sub: 'device-sub', 'custom:tenantId': tenantId, 'custom:facilityId': facilityId, 'cognito:groups': '[kiosk]' };

    const result = await handlers.getEntry(apiEvent({ claims: kioskClaims, pathParameters: { entryId } }));

    expect(result.statusCode).toBe(403);
  });

  test('other tenant sees no entry', async () => {
    const { entryId } = await ingestOne('2026-09-05');

    const result = await handlers.getEntry(apiEvent({ claims: operatorClaims('tenant-other', operatorId), pathParameters: { entryId } }));

    expect(result.statusCode).toBe(404);
  });

  /**
   * Ingests a check-in of `arrivalDate` while the facility has a local limit of one day, which the
   * stays of the earlier tests have used up already, and returns the mails sent for it.
   */
  async function mailsOfCheckInOverOneDayLimit(arrivalDate: string): Promise<Record<string, any>[]> {
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const facilityKey = { pk: `TENANT#${tenantId}`, sk: `FACILITY#${facilityId}` };
    await documentClient.send(
      new UpdateCommand({
        TableName: 'Directory',
        Key: facilityKey,
        UpdateExpression: 'SET reportSettings = :settings',
        ExpressionAttributeValues: { ':settings': { annualDayLimit: 1 } },
      }),
    );
    await fetch(`${emulators.sesEndpoint}/clear-store`, { method: 'POST' });
    try {
      await ingestOne(arrivalDate);
      return ((await (await fetch(`${emulators.sesEndpoint}/store`)).json()) as { emails: Record<string, any>[] }).emails;
    } finally {
      await documentClient.send(new UpdateCommand({ TableName: 'Directory', Key: facilityKey, UpdateExpression: 'REMOVE reportSettings' }));
    }
  }

  test('check-in over the day limit warns', async () => {
    const emails = await mailsOfCheckInOverOneDayLimit('2026-10-20');

    expect(emails).toHaveLength(2);
    const warning = emails.find((mail) => String(mail.subject).startsWith('【180日上限】'))!;
    expect(warning.subject).toMatch(/^【180日上限】試験ハウス \d+\/1 日/);
    expect(warning.body.text).toContain('2026-10-20 〜 2026-10-22 のチェックインにより');
    for (const pii of piiStrings) expect(JSON.stringify(warning)).not.toContain(pii);
  });

  test('inconsistent entry does not stop the cap warning', async () => {
    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const inconsistent = await ingestOne('2026-10-24');
    // Written directly, as older data could have it. The check-out is the morning before arrival.
    await documentClient.send(
      new UpdateCommand({
        TableName: 'Register',
        Key: { pk: `TENANT#${tenantId}`, sk: `ENTRY#${inconsistent.entryId}` },
        UpdateExpression: 'SET checkedOutAt = :checkedOutAt',
        ExpressionAttributeValues: { ':checkedOutAt': '2026-10-23T01:00:00.000Z' },
      }),
    );

    const emails = await mailsOfCheckInOverOneDayLimit('2026-10-27');

    expect(emails).toHaveLength(2);
    const warning = emails.find((mail) => String(mail.subject).startsWith('【180日上限】'));
    expect(warning?.body.text).toContain('2026-10-27 〜 2026-10-29 のチェックインにより');
  });

  test('back-to-back stays of one person count one guest', async () => {
    const listReports = (require('../../lambdas/reports/list-periodic-reports') as typeof import('../../lambdas/reports/list-periodic-reports')).handler;
    const correct = (require('../../lambdas/guest-register/correct-register-entry') as typeof import('../../lambdas/guest-register/correct-register-entry')).handler;
    const figures = async () => {
      const result = await listReports(
        apiEvent({ claims: operatorClaims(tenantId, operatorId), queryStringParameters: { facilityId, from: '2026-12', to: '2026-12' } }),
      );
      expect(result.statusCode).toBe(200);
      return json(result).reports[0].figures;
    };
    // The kiosk gives every guest a new id at each check-in, and guests type their names anew.
    const first = await prepareCheckIn({ arrivalDate: '2026-12-01' });
    const second = await prepareCheckIn({
      arrivalDate: '2026-12-03',
      guests: [
        { ...residentGuest, guestId: 'g-resident-again', name: residentGuest.name.replace(' ', '　') },
        { ...foreignGuest, guestId: 'g-foreign-again', passportNumber: foreignGuest.passportNumber.toLowerCase(), passportImageId: randomUUID() },
      ],
    });

    expect((await handlers.ingest(streamEvent(first.record, second.record))).batchItemFailures).toEqual([]);

    const stored = (await entriesOfFacility()).filter((item) => [first.checkInId, second.checkInId].includes(item.checkInId as string));
    const keys = stored.map((item) => (item.guests as { personKey: string }[]).map((guest) => guest.personKey));
    expect(keys[0]).toEqual(keys[1]);
    expect(new Set(keys[0]).size).toBe(2);
    // 12/1 15:00 to 12/5 10:00: four lodging days, each with the same two people.
    expect(await figures()).toMatchObject({ daysWithGuests: 4, guestCount: 2, guestNights: 8, guestsByNationality: { resident: 1, GB: 1 } });

    // A corrected passport number makes the second stay's visitor another person.
    const secondEntry = stored.find((item) => item.checkInId === second.checkInId)!;
    const corrected = await correct(
      apiEvent({
        claims: operatorClaims(tenantId, operatorId),
        pathParameters: { entryId: secondEntry.entryId as string },
        body: { revision: 0, reason: '旅券番号の入力誤り', guests: [{ guestId: 'g-foreign-again', passportNumber: 'TN7654321' }] },
      }),
    );
    expect(corrected.statusCode).toBe(200);
    expect(await figures()).toMatchObject({ guestCount: 3, guestNights: 8, guestsByNationality: { resident: 1, GB: 2 } });
    for (const pii of piiStrings) expect(JSON.stringify(stored)).not.toContain(pii);
  });

  test('owner filters audit log by user and period', async () => {
    const { AuditLog } = (require('../../lambdas/guest-register/audit-log') as typeof import('../../lambdas/guest-register/audit-log'));
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const userId = `reader-${randomUUID()}`;
    const at = (time: string) => new AuditLog(documentClient, 'Audit', () => new Date(time));
    const base = { tenantId, userId, disclosure: 'full' as const, resource: 'register-entry' as const };
    await at('2025-01-10T09:00:00Z').record({ ...base, action: 'view', entryIds: ['e-january'] });
    await at('2025-02-10T09:00:00Z').record({ ...base, action: 'export', entryIds: ['e-february-1', 'e-february-2'] });
    await at('2025-02-11T09:00:00Z').record({ ...base, userId: `other-${randomUUID()}`, action: 'view', entryIds: ['e-other-user'] });

    const result = await handlers.listAudit(
      apiEvent({ claims: operatorClaims(tenantId, operatorId, 'owner'), queryStringParameters: { userId, from: '2025-02-01', to: '2025-02-28' } }),
    );

    expect(result.statusCode).toBe(200);
    expect(json(result).records).toEqual([
      expect.objectContaining({ userId, action: 'export', entryIds: ['e-february-1', 'e-february-2'], at: '2025-02-10T09:00:00.000Z' }),
    ]);
  });

  test('audit log lists all users newest first', async () => {
    const result = await handlers.listAudit(apiEvent({ claims: operatorClaims(tenantId, operatorId, 'owner'), queryStringParameters: { limit: '200' } }));

    const times = json(result).records.map((record: { at: string }) => record.at);
    expect(times.length).toBeGreaterThan(1);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('manager cannot read audit log', async () => {
    const managerId = `manager-audit-${randomUUID()}`;
    await putUser({ userId: managerId, role: 'manager' });

    const result = await handlers.listAudit(apiEvent({ claims: operatorClaims(tenantId, managerId, 'manager') }));

    expect(result.statusCode).toBe(403);
    expect(json(result).error.message).toContain('audit:read');
  });

  test('audit log rejects reversed period', async () => {
    const result = await handlers.listAudit(
      apiEvent({ claims: operatorClaims(tenantId, operatorId, 'owner'), queryStringParameters: { from: '2025-03-01', to: '2025-02-01' } }),
    );

    expect(result.statusCode).toBe(400);
    expect(json(result).error.field).toBe('from');
  });

  test('audit cursor of other user rejected', async () => {
    const forged = Buffer.from(JSON.stringify({ pk: `TENANT#${tenantId}`, sk: 'x', gsi1pk: `TENANT#${tenantId}#USER#someone`, gsi1sk: 'x' })).toString('base64url');

    const result = await handlers.listAudit(
      apiEvent({ claims: operatorClaims(tenantId, operatorId, 'owner'), queryStringParameters: { userId: 'another', cursor: forged } }),
    );

    expect(result.statusCode).toBe(400);
    expect(json(result).error.field).toBe('cursor');
  });

  test('ingest clock sets retention', async () => {
    const { ingestDependencies } = require('../../lambdas/check-in/ingest-check-in') as typeof import('../../lambdas/check-in/ingest-check-in');
    const { ingestCheckIn } = require('../../lambdas/check-in/check-in-ingestion') as typeof import('../../lambdas/check-in/check-in-ingestion');
    const { parseCheckInRecord } = require('../../lambdas/check-in/check-in-record') as typeof import('../../lambdas/check-in/check-in-record');
    const { checkInId, record } = await prepareCheckIn({ arrivalDate: '2026-10-01' });

    const outcome = await ingestCheckIn(
      { ...ingestDependencies, now: () => new Date('2023-02-28T10:00:00Z') },
      parseCheckInRecord(record.dynamodb!.NewImage as never),
    );

    expect(outcome).toBe('ingested');
    const entry = (await entriesOfFacility()).find((item) => item.checkInId === checkInId)!;
    expect(entry.createdAt).toBe('2023-02-28T10:00:00.000Z');
    expect(entry.expiresAt).toBe(Date.parse('2026-02-28T10:00:00Z') / 1000);
  });

  test('ingest sets TTL on check-in record', async () => {
    const { ingestDependencies } = require('../../lambdas/check-in/ingest-check-in') as typeof import('../../lambdas/check-in/ingest-check-in');
    const { ingestCheckIn } = require('../../lambdas/check-in/check-in-ingestion') as typeof import('../../lambdas/check-in/check-in-ingestion');
    const { parseCheckInRecord } = require('../../lambdas/check-in/check-in-record') as typeof import('../../lambdas/check-in/check-in-record');
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { checkInId, record } = await prepareCheckIn({ arrivalDate: '2026-10-02' });

    await ingestCheckIn({ ...ingestDependencies, now: () => new Date('2026-10-02T07:00:00Z') }, parseCheckInRecord(record.dynamodb!.NewImage as never));

    const stored = (await documentClient.send(new GetCommand({ TableName: checkInTable, Key: { id: checkInId } }))).Item!;
    expect(stored._ttl).toBe(Date.parse('2026-10-09T07:00:00Z') / 1000);
    // DataStore's conflict detection compares _version, which stays as the kiosk last saw it.
    expect(stored._version).toBe(2);
    expect(stored.imagesUploaded).toBe(true);
  });

  test('TTL change is not ingested', async () => {
    const { isReadyForIngest } = require('../../lambdas/check-in/check-in-record') as typeof import('../../lambdas/check-in/check-in-record');
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { checkInId, record } = await prepareCheckIn({ arrivalDate: '2026-10-03' });
    expect((await handlers.ingest(streamEvent(record))).batchItemFailures).toEqual([]);
    const stored = (await documentClient.send(new GetCommand({ TableName: checkInTable, Key: { id: checkInId } }))).Item!;
    const ttlChange = {
      eventID: 'event-ttl',
      eventName: 'MODIFY',
      dynamodb: { SequenceNumber: 'ttl', OldImage: record.dynamodb!.NewImage, NewImage: marshall(stored) },
    } as unknown as DynamoDBRecord;

    const result = await handlers.ingest(streamEvent(ttlChange));

    expect(isReadyForIngest(ttlChange.dynamodb!.NewImage as never)).toBe(false);
    expect(result.batchItemFailures).toEqual([]);
    expect((await entriesOfFacility()).filter((item) => item.checkInId === checkInId)).toHaveLength(1);
  });

  test('logs contain no guest PII', () => {
    expect(output).toContain('Check-in ingested');
    for (const pii of piiStrings) expect(output).not.toContain(pii);
  });

  /** Stores a head-office user; roles, offices and grants come from this record, not the token. */
  async function putUser(input: { tenantId?: string; userId: string; role: 'owner' | 'manager' | 'staff'; grants?: GrantablePermission[] }): Promise<void> {
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { TenantRepository } = (require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository'));
    await new TenantRepository(documentClient, 'Directory').putOperatorUser({
      tenantId: input.tenantId ?? tenantId,
      userId: input.userId,
      email: `${input.userId}@example.invalid`,
      role: input.role,
      officeIds: input.role === 'owner' ? [] : [officeId],
      grants: input.grants ?? [],
    });
  }

  async function auditRecordsOf(userId: string): Promise<Record<string, unknown>[]> {
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const audit = await documentClient.send(
      new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
    );
    return (audit.Items ?? []).filter((item: Record<string, unknown>) => item.userId === userId);
  }

  /** Overwrites the sealed guest fields of one entry with those of another, as a copy attack would. */
  async function copyGuestFields(input: { fromTenant: string; fromEntry: string; toTenant: string; toEntry: string }): Promise<void> {
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { Item: source } = await documentClient.send(
      new GetCommand({ TableName: 'Register', Key: { pk: `TENANT#${input.fromTenant}`, sk: `ENTRY#${input.fromEntry}` } }),
    );
    await documentClient.send(
      new UpdateCommand({
        TableName: 'Register',
        Key: { pk: `TENANT#${input.toTenant}`, sk: `ENTRY#${input.toEntry}` },
        UpdateExpression: 'SET guests = :guests, keyPeriod = :keyPeriod',
        ExpressionAttributeValues: { ':guests': source!.guests, ':keyPeriod': source!.keyPeriod },
      }),
    );
  }

  /** Copies an entry, its facility and the tenant's data key item under another tenant's partition. */
  async function copyEntryToTenant(entryId: string, otherTenant: string): Promise<void> {
    const { documentClient } = (require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb'));
    const { Item: entry } = await documentClient.send(
      new GetCommand({ TableName: 'Register', Key: { pk: `TENANT#${tenantId}`, sk: `ENTRY#${entryId}` } }),
    );
    const { Item: dataKey } = await documentClient.send(
      new GetCommand({ TableName: 'Register', Key: { pk: `TENANT#${tenantId}`, sk: `DATAKEY#${entry!.keyPeriod}` } }),
    );
    for (const item of [entry!, dataKey!]) {
      await documentClient.send(new PutCommand({ TableName: 'Register', Item: { ...item, pk: `TENANT#${otherTenant}`, tenantId: otherTenant } }));
    }
    const { Item: facility } = await documentClient.send(
      new GetCommand({ TableName: 'Directory', Key: { pk: `TENANT#${tenantId}`, sk: `FACILITY#${facilityId}` } }),
    );
    await documentClient.send(new PutCommand({ TableName: 'Directory', Item: { ...facility!, pk: `TENANT#${otherTenant}`, tenantId: otherTenant } }));
  }

  async function ingestOne(arrivalDate: string) {
    const passportImageId = randomUUID();
    const prepared = await prepareCheckIn({ arrivalDate, guests: [residentGuest, { ...foreignGuest, passportImageId }] });
    const result = await handlers.ingest(streamEvent(prepared.record));
    expect(result.batchItemFailures).toEqual([]);
    const entry = (await entriesOfFacility()).find((item) => item.checkInId === prepared.checkInId)!;
    return { checkInId: prepared.checkInId, entryId: entry.entryId as string, image: prepared.image, passportImageId };
  }

  /** Loads the list handler in a fresh module registry: a cold container with an empty key cache. */
  async function isolatedListHandler(): Promise<typeof import('../../lambdas/guest-register/list-register-entries')> {
    let loaded: typeof import('../../lambdas/guest-register/list-register-entries') | undefined;
    jest.isolateModules(() => {
      loaded = require('../../lambdas/guest-register/list-register-entries');
    });
    return loaded!;
  }

  /** Loads the list handler in a fresh module registry with an audit table that does not exist, so every audit write fails. */
  function handlerWithMissingAuditTable(): typeof import('../../lambdas/guest-register/list-register-entries').handler {
    const auditTable = process.env.AUDIT_TABLE;
    process.env.AUDIT_TABLE = 'AuditTableThatDoesNotExist';
    try {
      let loaded: typeof import('../../lambdas/guest-register/list-register-entries') | undefined;
      jest.isolateModules(() => {
        loaded = require('../../lambdas/guest-register/list-register-entries');
      });
      return loaded!.handler;
    } finally {
      process.env.AUDIT_TABLE = auditTable;
    }
  }
});
