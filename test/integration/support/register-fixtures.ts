import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { registerImageKey } from '../../../lambdas/check-in/image-keys';
import type { TenantDataKeys } from '../../../lambdas/guest-pii/tenant-data-keys';
import { guestFieldName } from '../../../lambdas/guest-pii/tenant-envelope';
import { retentionExpiry, type RegisterEntry, type SealedGuest } from '../../../lambdas/guest-register/register-entry';
import type { RegisterRepository } from '../../../lambdas/guest-register/register-repository';

/** A guest as the kiosk collects it; fixtures use invented people only. */
export interface FixtureGuest {
  readonly name: string;
  readonly address: string;
  readonly occupation: string;
  readonly hasAddressInJapan: boolean;
  readonly nationality?: string;
  readonly passportNumber?: string;
  /** JPEG of an invented passport page; stored encrypted in the images bucket when set. */
  readonly passportPhoto?: Buffer;
}

/**
 * Stores a register entry as the ingest would: every PII field encrypted under the tenant
 * envelope. `acceptedAt` is the kiosk's consent time, which the counting takes as check-in.
 */
export async function storeRegisterEntry(
  deps: { register: RegisterRepository; dataKeys: TenantDataKeys; images?: { s3: S3Client; bucket: string } },
  input: {
    tenantId: string;
    facilityId: string;
    arrivalDate: string;
    departureDate: string;
    acceptedAt: string;
    guests: readonly FixtureGuest[];
    /** When ingest stored the entry; now by default. The data keys' clock must match it. */
    createdAt?: Date;
  },
): Promise<RegisterEntry> {
  const envelope = await deps.dataKeys.envelopeForWrite(input.tenantId);
  const entryId = randomUUID();
  const createdAt = input.createdAt ?? new Date();
  const guests: SealedGuest[] = input.guests.map((guest, index) => {
    const guestId = `g${index + 1}`;
    const encrypt = (field: string, value: string) => envelope.encryptField(entryId, guestFieldName(guestId, field), value);
    return {
      guestId,
      hasAddressInJapan: guest.hasAddressInJapan,
      nationality: guest.nationality,
      name: encrypt('name', guest.name),
      address: encrypt('address', guest.address),
      occupation: encrypt('occupation', guest.occupation),
      passportNumber: guest.passportNumber === undefined ? undefined : encrypt('passportNumber', guest.passportNumber),
      passportImageId: guest.passportPhoto === undefined ? undefined : `passport-${guestId}`,
    };
  });
  for (const [index, guest] of input.guests.entries()) {
    if (guest.passportPhoto === undefined) continue;
    if (!deps.images) throw new Error('storeRegisterEntry needs deps.images to store a passport photo');
    const imageId = `passport-g${index + 1}`;
    await deps.images.s3.send(
      new PutObjectCommand({ Bucket: deps.images.bucket, Key: registerImageKey(input.tenantId, entryId, imageId), Body: envelope.encryptImage(entryId, imageId, guest.passportPhoto) }),
    );
  }
  const entry: RegisterEntry = {
    tenantId: input.tenantId,
    entryId,
    facilityId: input.facilityId,
    checkInId: randomUUID(),
    deviceId: 'device-fixture',
    arrivalDate: input.arrivalDate,
    departureDate: input.departureDate,
    language: 'ja',
    consent: { acceptedAt: input.acceptedAt, language: 'ja' },
    guestCount: guests.length,
    keyPeriod: envelope.keyPeriod,
    guests,
    createdAt: createdAt.toISOString(),
    expiresAt: retentionExpiry(createdAt),
  };
  await deps.register.createEntryOnce(entry);
  return entry;
}

/** Invented guests: no real person has these names, addresses or passport numbers. */
export const inventedResident: FixtureGuest = {
  name: '架空 報告子',
  address: '架空県架空市報告町4-5-6',
  occupation: '公務員',
  hasAddressInJapan: true,
};

export const inventedVisitor: FixtureGuest = {
  name: 'Fictus Reportson',
  address: '7 Imaginary Road, Nowhere',
  occupation: 'Surveyor',
  hasAddressInJapan: false,
  nationality: 'US',
  passportNumber: 'FR7654321',
};

export const inventedGuestStrings = [
  inventedResident.name,
  inventedResident.address,
  inventedVisitor.name,
  inventedVisitor.address,
  inventedVisitor.passportNumber!,
];
