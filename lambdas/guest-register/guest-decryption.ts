import { guestFieldName, type TenantEnvelope } from '../guest-pii/tenant-envelope';
import type { RegisterEntry, SealedGuest } from './register-entry';

/** A guest of a register entry with every PII field decrypted. */
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

export function decryptGuestName(envelope: TenantEnvelope, entry: RegisterEntry, guest: SealedGuest): string {
  return envelope.decryptField(entry.entryId, guestFieldName(guest.guestId, 'name'), guest.name);
}

export function decryptGuest(envelope: TenantEnvelope, entry: RegisterEntry, guest: SealedGuest): OpenedGuest {
  const decrypt = (field: string, value: string) => envelope.decryptField(entry.entryId, guestFieldName(guest.guestId, field), value);
  return {
    guestId: guest.guestId,
    name: decrypt('name', guest.name),
    address: decrypt('address', guest.address),
    occupation: guest.occupation === undefined ? undefined : decrypt('occupation', guest.occupation),
    contact: guest.contact === undefined ? undefined : decrypt('contact', guest.contact),
    hasAddressInJapan: guest.hasAddressInJapan,
    nationality: guest.nationality,
    passportNumber: guest.passportNumber === undefined ? undefined : decrypt('passportNumber', guest.passportNumber),
    passportImageId: guest.passportImageId,
    faceImageId: guest.faceImageId,
  };
}
