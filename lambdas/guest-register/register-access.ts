import { documentClient } from '../aws/dynamodb';
import { kmsClient } from '../aws/kms';
import { TenantDataKeys } from '../guest-pii/tenant-data-keys';
import { TenantKeys } from '../guest-pii/tenant-keys';
import type { OperatorAccess } from '../organisation/access-context';
import { allows, requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { AuditLog, type PiiDisclosure } from './audit-log';
import { RegisterRepository } from './register-repository';

/** Config and clients shared by the register handlers, created once per container. */
export const registerEnvironment = readEnvironment(['REGISTER_TABLE', 'AUDIT_TABLE', 'TENANT_KEY_ALIAS_PREFIX', 'STAGE']);
export const registerRepository = new RegisterRepository(documentClient, registerEnvironment.REGISTER_TABLE);
export const auditLog = new AuditLog(documentClient, registerEnvironment.AUDIT_TABLE);
export const tenantDataKeys = new TenantDataKeys({
  kms: kmsClient,
  documentClient,
  registerTable: registerEnvironment.REGISTER_TABLE,
  tenantKeys: new TenantKeys(kmsClient, {
    stage: registerEnvironment.STAGE,
    aliasPrefix: registerEnvironment.TENANT_KEY_ALIAS_PREFIX,
  }),
});

export { decryptGuest, decryptGuestName, type OpenedGuest } from './guest-decryption';

/**
 * How much of the guest data a caller may see: `full` with the `register:read-pii` permission
 * (by role or by a grant to a staff user), `masked` with `register:read` alone. Callers without
 * `register:read` are rejected.
 */
export function disclosureFor(caller: Pick<OperatorAccess, 'role' | 'grants'>): PiiDisclosure {
  requirePermission(caller, 'register:read');
  return allows(caller.role, 'register:read-pii', caller.grants) ? 'full' : 'masked';
}
