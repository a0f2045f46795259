import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PairingCodeRepository } from '../../../lambdas/device/pairing-codes';
import { FacilityRepository, type HouseRuleLanguage, type LicenceType, type PostalAddress } from '../../../lambdas/facility/facility-repository';
import { requiredEnv } from './browser';

function directory() {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: requiredEnv('OS_DYNAMODB_ENDPOINT'),
      region: requiredEnv('OS_REGION'),
      credentials: {
        accessKeyId: requiredEnv('OS_AWS_ACCESS_KEY_ID'),
        secretAccessKey: requiredEnv('OS_AWS_SECRET_ACCESS_KEY'),
      },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { client, tableName: requiredEnv('OS_DIRECTORY_TABLE') };
}

export interface TestFacility {
  facilityId: string;
  licenceType: LicenceType;
  houseRules?: Partial<Record<HouseRuleLanguage, string>>;
  /** The door or keybox code the kiosk shows on its finish screen. */
  entryCode?: string;
  /** Needed, with `officeId` and `capacity`, for admin-web's edit form to save the facility. */
  postalAddress?: PostalAddress;
  officeId?: string;
  capacity?: number;
}

/**
 * Adds a facility to the demo tenant, so that a browser test's check-ins never land in the demo
 * facility's register, which other tests count.
 */
export async function createTestFacility(facility: TestFacility): Promise<void> {
  const { client, tableName } = directory();
  await new FacilityRepository(client, tableName).createFacility({
    tenantId: requiredEnv('OS_DEMO_TENANT_ID'),
    facilityId: facility.facilityId,
    name: `試験ハウス ${facility.facilityId}`,
    licenceType: facility.licenceType,
    licenceNumber: `M${facility.facilityId}`,
    address: '架空県架空市1-1 (架空 / fictitious)',
    houseRules: facility.houseRules,
    entryCode: facility.entryCode,
    postalAddress: facility.postalAddress,
    officeId: facility.officeId,
    capacity: facility.capacity,
  });
  client.destroy();
}

/** Creates a one-time pairing code for a facility of the demo tenant. */
export async function createTestPairingCode(facilityId: string): Promise<string> {
  const { client, tableName } = directory();
  const code = await new PairingCodeRepository(client, tableName).createPairingCode({
    tenantId: requiredEnv('OS_DEMO_TENANT_ID'),
    facilityId,
    createdBy: 'e2e-test',
  });
  client.destroy();
  return code.code;
}
