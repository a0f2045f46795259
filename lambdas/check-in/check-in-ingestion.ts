import type { Logger } from '@aws-lambda-powertools/logger';
import type { KMSClient } from '@aws-sdk/client-kms';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { SESClient } from '@aws-sdk/client-ses';
import { randomUUID } from 'node:crypto';
import type { Device, DeviceRepository } from '../device/device-repository';
import type { FacilityRepository } from '../facility/facility-repository';
import { openKioskSeal, type OpenedKioskSeal } from '../guest-pii/kiosk-seal';
import type { PersonMatcher } from '../guest-pii/person-identity';
import type { TenantDataKeys } from '../guest-pii/tenant-data-keys';
import { guestFieldName, type TenantEnvelope } from '../guest-pii/tenant-envelope';
import { retentionExpiry, type RegisterEntry, type SealedGuest } from '../guest-register/register-entry';
import { EntryConditionCheckFailedError, type RegisterRepository } from '../guest-register/register-repository';
import { sendCheckInNotice } from '../mail/check-in-notice';
import { sendAnnualCapWarning } from '../mail/report-notices';
import { isReportable, yearsOverLimit } from '../reports/facility-reports';
import type { StaySource } from '../reports/register-stay-source';
import { stayPeriodOfEntry } from '../reports/register-stays';
import type { TenantRepository } from '../organisation/tenant-repository';
import { parseCheckInPayload, type CheckInGuest, type CheckInPayload } from './check-in-payload';
import { ownerUsername, type CheckInRecord } from './check-in-record';
import type { CheckInTable } from './check-in-table';
import { IngestBatch } from './ingest-batch';
import { isIngestibleFor } from './record-device';
import { incomingImageKey, registerImageKey } from './image-keys';

export interface IngestDependencies {
  readonly logger: Logger;
  readonly kms: KMSClient;
  readonly s3: S3Client;
  readonly ses: SESClient;
  readonly devices: DeviceRepository;
  readonly facilities: FacilityRepository;
  readonly tenants: TenantRepository;
  readonly register: RegisterRepository;
  /** The AppSync CheckIn table, where the record gets its TTL once its entry is stored. */
  readonly checkInTable: CheckInTable;
  readonly dataKeys: TenantDataKeys;
  /** The register's stays, counted to warn the operator when a check-in takes a facility over the 180-day cap. */
  readonly registerStays: Pick<StaySource, 'staysTouching'>;
  readonly imagesBucket: string;
  readonly sealingKeyId: string;
  readonly mailFrom: string;
  /** Clock for the entry's creation time and retention expiry; the system clock by default. */
  readonly now?: () => Date;
}

/** A record that can never be ingested as it is; the message names ids and fields only. */
export class CheckInRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckInRejectedError';
  }
}

export type IngestOutcome = 'ingested' | 'already-ingested';

/**
 * Turns one synced kiosk check-in into a register entry. The tenant and facility come from the
 * device that owns the record, never from the record itself. Once the entry is stored, the
 * record in the CheckIn table gets a TTL, so its sealed copy of the guest data expires.
 * `batch` contains the reads that the check-ins of one invocation share. Without it, the
 * check-in is a batch of its own.
 */
export async function ingestCheckIn(
  deps: IngestDependencies,
  record: CheckInRecord,
  batch: IngestBatch = new IngestBatch(deps),
): Promise<IngestOutcome> {
  const outcome = await storeCheckInEntry(deps, batch, record);
  await deps.checkInTable.expireAfterIngest(record.id, deps.now?.() ?? new Date());
  return outcome;
}

async function storeCheckInEntry(deps: IngestDependencies, batch: IngestBatch, record: CheckInRecord): Promise<IngestOutcome> {
  const device = await batch.deviceOf(ownerUsername(record.owner));
  if (!device || !isIngestibleFor(device, record)) {
    throw new CheckInRejectedError(`No device that was active when check-in ${record.id} was last changed owns it.`);
  }
  if (device.status !== 'active') deps.logger.info('Check-in sent before its device was revoked', { checkInId: record.id });
  // Offboarding revokes the tenant's devices, and this keeps their earlier check-ins out as well.
  if ((await batch.tenant(device.tenantId))?.offboardedAt) {
    throw new CheckInRejectedError(`The tenant of check-in ${record.id} is offboarded.`);
  }
  deps.logger.appendKeys({ tenantId: device.tenantId, facilityId: device.facilityId, deviceId: device.deviceId });
  if (record.facilityId !== device.facilityId) {
    throw new CheckInRejectedError(`Check-in ${record.id} names another facility than its device.`);
  }
  if (await deps.register.isCheckInIngested(device.tenantId, record.id)) {
    return 'already-ingested';
  }

  const seal = await openKioskSeal(deps.kms, deps.sealingKeyId, record.sealed, record.id);
  try {
    const payload = parseCheckInPayload(seal.payloadText);
    assertPayloadMatchesRecord(payload, record);
    const images = await readIncomingImages(deps, seal, record, device.deviceId, payload);

    const envelope = await deps.dataKeys.envelopeForWrite(device.tenantId);
    const matcher = await deps.dataKeys.personMatcherForWrite(device.tenantId);
    const entry = sealEntry(envelope, matcher, payload, record, device.deviceId, deps.now?.() ?? new Date());
    deps.logger.appendKeys({ entryId: entry.entryId });
    await storeRegisterImages(deps, envelope, entry, images);

    const registerImageKeys = [...images.keys()].map((imageId) => registerImageKey(entry.tenantId, entry.entryId, imageId));
    const created = await createEntryForDevice(deps, entry, device, record, registerImageKeys);
    if (!created) {
      await deleteObjects(deps, registerImageKeys);
      return 'already-ingested';
    }
    await deleteObjects(deps, [...images.keys()].map((imageId) => incomingImageKey(device.deviceId, record.id, imageId)));
    batch.stays.addStoredEntry(entry);
    await notifyOperator(deps, batch, entry);
    return 'ingested';
  } finally {
    seal.dispose();
  }
}

/**
 * Stores the entry on condition that its device is still active and its tenant not offboarded,
 * so that a device revoked after ingest read it gets no entry, unless the revocation came after
 * the record's last change. A revoked device stays revoked and keeps its revocation time, so an
 * entry for one needs only the tenant's condition. When a condition fails, the entry's register
 * images are deleted, because nothing refers to them. Returns false when the check-in was
 * already ingested.
 */
async function createEntryForDevice(
  deps: IngestDependencies,
  entry: RegisterEntry,
  device: Device,
  record: CheckInRecord,
  registerImageKeys: string[],
): Promise<boolean> {
  const tenantCheck = deps.tenants.notOffboardedCheck(entry.tenantId);
  try {
    if (device.status !== 'active') return await deps.register.createEntryOnce(entry, [tenantCheck]);
    try {
      return await deps.register.createEntryOnce(entry, [deps.devices.activeDeviceCheck(device), tenantCheck]);
    } catch (error) {
      if (!(error instanceof EntryConditionCheckFailedError)) throw error;
    }
    const current = await deps.devices.getDevice(device.tenantId, device.deviceId);
    if (current && current.status !== 'active' && isIngestibleFor(current, record)) {
      deps.logger.info('Check-in sent before its device was revoked', { checkInId: record.id });
      return await deps.register.createEntryOnce(entry, [tenantCheck]);
    }
  } catch (error) {
    if (!(error instanceof EntryConditionCheckFailedError)) throw error;
  }
  await deleteObjects(deps, registerImageKeys);
  throw new CheckInRejectedError(`No active device of an active tenant owns check-in ${entry.checkInId}.`);
}

function assertPayloadMatchesRecord(payload: CheckInPayload, record: CheckInRecord): void {
  if (payload.checkInId !== record.id || payload.facilityId !== record.facilityId) {
    throw new CheckInRejectedError(`Sealed payload of check-in ${record.id} names another check-in or facility.`);
  }
  const guestImageIds = payload.guests.flatMap((guest) =>
    [guest.passportImageId, guest.faceImageId].filter((imageId): imageId is string => imageId !== undefined),
  );
  const missing = guestImageIds.filter((imageId) => !record.imageIds.includes(imageId));
  if (missing.length > 0) {
    throw new CheckInRejectedError(`Check-in ${record.id} lacks guest images in imageIds: ${missing.join(', ')}.`);
  }
}

/** Reads and opens every image of the record; a missing object rejects the check-in for now. */
async function readIncomingImages(
  deps: IngestDependencies,
  seal: OpenedKioskSeal,
  record: CheckInRecord,
  deviceId: string,
  payload: CheckInPayload,
): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>();
  for (const imageId of record.imageIds) {
    const key = incomingImageKey(deviceId, record.id, imageId);
    let sealed: Buffer;
    try {
      const object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.imagesBucket, Key: key }));
      sealed = Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') {
        const isPassport = payload.guests.some((guest) => guest.passportImageId === imageId);
        throw new CheckInRejectedError(`${isPassport ? 'Passport image' : 'Image'} ${imageId} of check-in ${record.id} is not in S3 at ${key}.`);
      }
      throw error;
    }
    images.set(imageId, seal.openImage(imageId, sealed));
  }
  return images;
}

function sealEntry(
  envelope: TenantEnvelope,
  matcher: PersonMatcher,
  payload: CheckInPayload,
  record: CheckInRecord,
  deviceId: string,
  createdAt: Date,
): RegisterEntry {
  const entryId = randomUUID();
  const sealGuest = (guest: CheckInGuest): SealedGuest => {
    const encrypt = (field: string, value: string) => envelope.encryptField(entryId, guestFieldName(guest.guestId, field), value);
    return {
      guestId: guest.guestId,
      hasAddressInJapan: guest.hasAddressInJapan,
      nationality: guest.nationality,
      passportImageId: guest.passportImageId,
      faceImageId: guest.faceImageId,
      personKey: matcher.personKeyOf(guest),
      name: encrypt('name', guest.name),
      address: encrypt('address', guest.address),
      occupation: guest.occupation === undefined ? undefined : encrypt('occupation', guest.occupation),
      contact: guest.contact === undefined ? undefined : encrypt('contact', guest.contact),
      passportNumber: guest.passportNumber === undefined ? undefined : encrypt('passportNumber', guest.passportNumber),
    };
  };
  return {
    tenantId: envelope.tenantId,
    entryId,
    facilityId: payload.facilityId,
    checkInId: record.id,
    deviceId,
    arrivalDate: payload.arrivalDate,
    departureDate: payload.departureDate,
    language: payload.language,
    consent: payload.consent,
    guestCount: payload.guests.length,
    keyPeriod: envelope.keyPeriod,
    guests: payload.guests.map(sealGuest),
    createdAt: createdAt.toISOString(),
    expiresAt: retentionExpiry(createdAt),
  };
}

async function storeRegisterImages(
  deps: IngestDependencies,
  envelope: TenantEnvelope,
  entry: RegisterEntry,
  images: Map<string, Buffer>,
): Promise<void> {
  for (const [imageId, bytes] of images) {
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.imagesBucket,
        Key: registerImageKey(entry.tenantId, entry.entryId, imageId),
        Body: envelope.encryptImage(entry.entryId, imageId, bytes),
        ContentType: 'application/octet-stream',
        Metadata: { 'key-period': entry.keyPeriod, 'content-type-plain': 'image/jpeg' },
      }),
    );
  }
}

async function deleteObjects(deps: IngestDependencies, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await deps.s3.send(
    new DeleteObjectsCommand({ Bucket: deps.imagesBucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
  );
}

/**
 * Sends the operator's notice. The entry is already stored, so a mail failure is logged and
 * not re-raised: retrying the record would find it ingested and send nothing anyway.
 */
async function notifyOperator(deps: IngestDependencies, batch: IngestBatch, entry: RegisterEntry): Promise<void> {
  try {
    const [facility, tenant] = await Promise.all([batch.facility(entry.tenantId, entry.facilityId), batch.tenant(entry.tenantId)]);
    const to = facility?.notificationEmail ?? tenant?.contactEmail;
    if (!to) {
      deps.logger.warn('No notification address for check-in notice');
      return;
    }
    await sendCheckInNotice(deps.ses, {
      from: deps.mailFrom,
      to,
      notice: {
        facilityName: facility?.name ?? entry.facilityId,
        arrivalDate: entry.arrivalDate,
        departureDate: entry.departureDate,
        guestCount: entry.guestCount,
      },
    });
    if (facility && isReportable(facility)) {
      for (const count of await yearsOverLimit(batch.stays, facility, stayPeriodOfEntry(entry))) {
        await sendAnnualCapWarning(deps.ses, {
          from: deps.mailFrom,
          to,
          warning: {
            facilityName: facility.name,
            year: count.year,
            daysUsed: count.daysUsed,
            limit: count.limit,
            afterCheckIn: { arrivalDate: entry.arrivalDate, departureDate: entry.departureDate },
          },
        });
      }
    }
  } catch (error) {
    deps.logger.error('Check-in notice failed', { errorName: (error as Error).name, errorMessage: (error as Error).message });
  }
}
