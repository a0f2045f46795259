import { cognitoClient } from '../aws/cognito';
import { documentClient } from '../aws/dynamodb';
import { FacilityRepository } from '../facility/facility-repository';
import { readEnvironment } from '../runtime/environment';
import { OperatorAccessResolver } from './access-context';
import { AdminAuditLog } from './admin-audit';
import { CognitoMfaStatus } from './mfa-status';
import { OfficeRepository } from './office-repository';
import { TenantRepository } from './tenant-repository';

/** Repositories of the Directory table and the access resolver, created once per container. */
export function createDirectoryServices() {
  const env = readEnvironment(['DIRECTORY_TABLE']);
  return {
    access: new OperatorAccessResolver(documentClient, env.DIRECTORY_TABLE, new CognitoMfaStatus(cognitoClient)),
    facilities: new FacilityRepository(documentClient, env.DIRECTORY_TABLE),
    offices: new OfficeRepository(documentClient, env.DIRECTORY_TABLE),
    tenants: new TenantRepository(documentClient, env.DIRECTORY_TABLE),
  };
}

/** Creates the admin-change audit log; only handlers of routes that use `auditTable` may call it. */
export function createAdminAuditLog(): AdminAuditLog {
  return new AdminAuditLog(readEnvironment(['AUDIT_TABLE']).AUDIT_TABLE);
}
