import type { Logger } from '@aws-lambda-powertools/logger';
import { documentClient } from '../aws/dynamodb';
import { kmsClient } from '../aws/kms';
import { s3Client } from '../aws/s3';
import { sesClient } from '../aws/ses';
import { DeviceRepository } from '../device/device-repository';
import { FacilityRepository } from '../facility/facility-repository';
import { TenantDataKeys } from '../guest-pii/tenant-data-keys';
import { TenantKeys } from '../guest-pii/tenant-keys';
import { RegisterRepository } from '../guest-register/register-repository';
import { TenantRepository } from '../organisation/tenant-repository';
import { RegisterStaySource } from '../reports/register-stay-source';
import { readEnvironment } from '../runtime/environment';
import type { IngestDependencies } from './check-in-ingestion';
import { CheckInTable } from './check-in-table';

/**
 * Builds the clients and repositories that `ingestCheckIn` needs from the environment of a
 * function bound to the `checkInIngest` resources of lib/api/routes.ts. Call it once, at module
 * load, so that a missing variable fails the function at start.
 */
export function createIngestDependencies(logger: Logger): IngestDependencies {
  const env = readEnvironment([
    'DIRECTORY_TABLE',
    'REGISTER_TABLE',
    'IMAGES_BUCKET',
    'TENANT_KEY_ALIAS_PREFIX',
    'STAGE',
    'KIOSK_SEALING_KEY_ID',
    'MAIL_FROM',
    'CHECKIN_TABLE',
  ]);
  return {
    logger,
    kms: kmsClient,
    s3: s3Client,
    ses: sesClient,
    devices: new DeviceRepository(documentClient, env.DIRECTORY_TABLE),
    facilities: new FacilityRepository(documentClient, env.DIRECTORY_TABLE),
    tenants: new TenantRepository(documentClient, env.DIRECTORY_TABLE),
    register: new RegisterRepository(documentClient, env.REGISTER_TABLE),
    checkInTable: new CheckInTable(documentClient, env.CHECKIN_TABLE),
    registerStays: new RegisterStaySource(documentClient, env.REGISTER_TABLE),
    dataKeys: new TenantDataKeys({
      kms: kmsClient,
      documentClient,
      registerTable: env.REGISTER_TABLE,
      tenantKeys: new TenantKeys(kmsClient, { stage: env.STAGE, aliasPrefix: env.TENANT_KEY_ALIAS_PREFIX }),
    }),
    imagesBucket: env.IMAGES_BUCKET,
    sealingKeyId: env.KIOSK_SEALING_KEY_ID,
    mailFrom: env.MAIL_FROM,
  };
}
