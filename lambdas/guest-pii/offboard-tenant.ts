import { cognitoClient } from '../aws/cognito';
import { documentClient } from '../aws/dynamodb';
import { kmsClient } from '../aws/kms';
import { s3Client } from '../aws/s3';
import { CheckInTable } from '../check-in/check-in-table';
import { DeviceRepository } from '../device/device-repository';
import { DeletionAuditLog } from '../guest-register/deletion-audit';
import { AccountRemoval } from '../organisation/account-removal';
import { TenantRepository } from '../organisation/tenant-repository';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { TenantKeys } from './tenant-keys';
import { offboardingRequestSchema, offboardTenant, OffboardingRejectedError, type TenantOffboardingResult } from './tenant-offboarding';

const env = readEnvironment(['DIRECTORY_TABLE', 'REGISTER_TABLE', 'AUDIT_TABLE', 'IMAGES_BUCKET', 'TENANT_KEY_ALIAS_PREFIX', 'STAGE', 'CHECKIN_TABLE', 'USER_POOL_ID']);
const logger = createLogger('offboard-tenant');
const dependencies = {
  tenantKeys: new TenantKeys(kmsClient, { stage: env.STAGE, aliasPrefix: env.TENANT_KEY_ALIAS_PREFIX }),
  documents: documentClient,
  registerTable: env.REGISTER_TABLE,
  directoryTable: env.DIRECTORY_TABLE,
  s3: s3Client,
  imagesBucket: env.IMAGES_BUCKET,
  tenants: new TenantRepository(documentClient, env.DIRECTORY_TABLE),
  devices: new DeviceRepository(documentClient, env.DIRECTORY_TABLE),
  audit: new DeletionAuditLog(documentClient, env.AUDIT_TABLE),
  checkInTable: new CheckInTable(documentClient, env.CHECKIN_TABLE),
  accounts: new AccountRemoval(cognitoClient, env.USER_POOL_ID),
};

/**
 * Offboards one tenant. Platform operators invoke it by hand, with the payload
 * `{ tenantId, confirmTenantId, basis, reference, requestedBy, waitingDays? }`
 * (docs/deploy.md); locally `npm run offboard` builds that payload. An invalid payload or a
 * condition that does not hold fails with an OffboardingRejectedError naming the field.
 */
export async function handler(event: unknown): Promise<TenantOffboardingResult> {
  const parsed = offboardingRequestSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    throw new OffboardingRejectedError(`Invalid offboarding request: ${field || 'payload'} ${issue.message}.`, field);
  }
  const request = parsed.data;
  logger.appendKeys({ tenantId: request.tenantId });
  logger.info('Offboarding tenant', { basis: request.basis, reference: request.reference, requestedBy: request.requestedBy });
  const result = await offboardTenant(dependencies, request, new Date());
  logger.info('Tenant offboarded', {
    keyDeletionDate: result.keyDeletion?.deletionDate.toISOString(),
    deletedRegisterItems: result.deletedRegisterItems,
    deletedImages: result.deletedImages,
    revokedDevices: result.revokedDevices,
    deletedCheckInRecords: result.deletedCheckInRecords,
    deletedAccounts: result.deletedAccounts,
  });
  return result;
}
