import { documentClient } from '../aws/dynamodb';
import { kmsClient } from '../aws/kms';
import { TenantDataKeys } from '../guest-pii/tenant-data-keys';
import { readEnvironment } from '../runtime/environment';
import { AuditLog } from './audit-log';
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

export { decryptGuest, decryptGuestName, type OpenedGuest } from './guest-decryption';
