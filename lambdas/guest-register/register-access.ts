import { documentClient } from '../aws/dynamodb';
import { kmsClient } from '../aws/kms';
import { TenantDataKeys } from '../guest-pii/tenant-data-keys';
import { guestFieldName, type TenantEnvelope } from '../guest-pii/tenant-envelope';
import { readEnvironment } from '../runtime/environment';
import { AuditLog } from './audit-log';
import type { RegisterEntry, SealedGuest } from './register-entry';
import { RegisterRepository } from './register-repository';

/** Config and clients shared by the register handlers, created once per container. */
export const registerEnvironment = readEnvironment(['REGISTER_TABLE', 'AUDIT_TABLE', 'PII_KEY_ID']);
export const registerRepository = new RegisterRepository(documentClient, registerEnvironment.REGISTER_TABLE);
export const auditLog = new AuditLog(documentClient, registerEnvironment.AUDIT_TABLE);
export const tenantDataKeys = new TenantDataKeys({
  kms: kmsClient,
  documentClient,
  registerTable: registerEnvironment.REGISTER_TABLE,
  piiKeyId: registerEnvironment.PII_KEY_ID,
});

export interface OpenedGuest {
  readonly guestId: string;
  readonly name: string;
  readonly address: string;
  readonly occupation: string;
  readonly hasAddressInJapan: boolean;
  readonly nationality?: string;
  readonly passportNumber?: string;
  readonly passportImageId?: string;
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
    occupation: decrypt('occupation', guest.occupation),
    hasAddressInJapan: guest.hasAddressInJapan,
    nationality: guest.nationality,
    passportNumber: guest.passportNumber === undefined ? undefined : decrypt('passportNumber', guest.passportNumber),
    passportImageId: guest.passportImageId,
  };
}
