import { maskFully, maskName, maskPassportNumber } from '../guest-pii/pii-masking';
import { guestFieldName, type TenantEnvelope } from '../guest-pii/tenant-envelope';
import type { PiiDisclosure } from './audit-log';
import type { RegisterEntry, SealedGuest } from './register-entry';

/** A guest of a register entry with every PII field decrypted, or masked for `masked` disclosure. */
export interface OpenedGuest {
  readonly guestId: string;
  readonly name: string;
  readonly address: string;
  readonly occupation?: string;
  readonly contact?: string;
  readonly hasAddressInJapan: boolean;
  readonly nationality?: string;
  readonly passportNumber?: string;
  readonly passportImageId?: string;
  readonly faceImageId?: string;
}

/** Decrypts a guest's name, and masks it (山田 ●●) unless the disclosure is `full`. */
export function decryptGuestName(
  envelope: TenantEnvelope,
  entry: Pick<RegisterEntry, 'entryId'>,
  guest: SealedGuest,
  disclosure: PiiDisclosure,
): string {
  const name = envelope.decryptField(entry.entryId, guestFieldName(guest.guestId, 'name'), guest.name);
  return disclosure === 'full' ? name : maskName(name);
}

/** Decrypts every PII field of a guest and masks them unless the disclosure is `full`. */
export function decryptGuest(
  envelope: TenantEnvelope,
  entry: RegisterEntry,
  guest: SealedGuest,
  disclosure: PiiDisclosure,
): OpenedGuest {
  const decrypt = (field: string, value: string) => envelope.decryptField(entry.entryId, guestFieldName(guest.guestId, field), value);
  const passportNumber = guest.passportNumber === undefined ? undefined : decrypt('passportNumber', guest.passportNumber);
  if (disclosure === 'full') {
    return {
      guestId: guest.guestId,
      name: decrypt('name', guest.name),
      address: decrypt('address', guest.address),
      occupation: guest.occupation === undefined ? undefined : decrypt('occupation', guest.occupation),
      contact: guest.contact === undefined ? undefined : decrypt('contact', guest.contact),
      hasAddressInJapan: guest.hasAddressInJapan,
      nationality: guest.nationality,
      passportNumber,
      passportImageId: guest.passportImageId,
      faceImageId: guest.faceImageId,
    };
  }
  // Address, occupation and contact are masked completely, so they need no decryption at all.
  return {
    guestId: guest.guestId,
    name: maskName(decrypt('name', guest.name)),
    address: maskFully(),
    occupation: guest.occupation === undefined ? undefined : maskFully(),
    contact: guest.contact === undefined ? undefined : maskFully(),
    hasAddressInJapan: guest.hasAddressInJapan,
    nationality: guest.nationality,
    passportNumber: passportNumber === undefined ? undefined : maskPassportNumber(passportNumber),
    passportImageId: guest.passportImageId,
    faceImageId: guest.faceImageId,
  };
}
