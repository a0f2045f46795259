import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PairingCodeRepository } from '../lambdas/device/pairing-codes';
import { parseFacilityBody, toFacilityDetails } from '../lambdas/facility/facility-details';
import { FacilityRepository } from '../lambdas/facility/facility-repository';
import { OfficeRepository } from '../lambdas/organisation/office-repository';
import { TenantRepository } from '../lambdas/organisation/tenant-repository';
import { localCredentials } from './cognito';
import { localRegion } from './ports';

/** The invented company, facility and operator every local system starts with. */
export const demoTenant = {
  tenantId: 'demo-tenant',
  name: 'デモ民泊株式会社',
  contactEmail: 'owner@demo-minpaku.example',
} as const;

export const demoOffice = {
  officeId: 'demo-office-tokyo',
  name: '東京拠点',
} as const;

export const demoFacilityId = 'demo-facility-asakusa';

/**
 * The demo facility as admin-web's facility form submits it, so that its edit form opens with
 * every required field filled in. The 届出番号 and the street are invented.
 */
export const demoFacilityForm = {
  name: 'デモハウス浅草 / Demo House Asakusa',
  licenceType: 'private-lodging',
  licenceNumber: 'M130000000',
  postalCode: '111-0032',
  prefecture: '東京都',
  city: '台東区',
  street: '浅草0丁目0番0号 (架空 / fictitious)',
  capacity: 4,
  officeId: demoOffice.officeId,
  // 届出日: the 定期報告 list starts from the period containing it.
  notificationDate: '2024-03-01',
} as const;

export const demoOperator = {
  email: demoTenant.contactEmail,
  // Meets the synthesized password policy: 12+ characters, upper, lower, digit and symbol.
  password: 'Demo-Owner-2024!',
  displayName: '検証 花子',
  role: 'owner',
} as const;

export interface DemoData {
  readonly tenantId: string;
  readonly facilityId: string;
  readonly operatorEmail: string;
  readonly operatorPassword: string;
  readonly operatorUserId: string;
  readonly pairingCode: string;
  readonly pairingCodeExpiresAt: Date;
}

/**
 * Seeds the demo tenant through the same repositories the handlers use: the company, one office
 * (拠点) with one 住宅宿泊事業 facility, the owner in cognito-local (group `owner`, `custom:tenantId`) and in the
 * Directory table, and one pairing code for the facility. The code expires like any other
 * (10 minutes); admin-web creates fresh ones.
 */
export async function seedDemoData(input: {
  dynamoEndpoint: string;
  cognitoEndpoint: string;
  directoryTable: string;
  userPoolId: string;
}): Promise<DemoData> {
  const clientConfig = { region: localRegion, credentials: localCredentials };
  const dynamo = new DynamoDBClient({ ...clientConfig, endpoint: input.dynamoEndpoint });
  const documents = DynamoDBDocumentClient.from(dynamo);
  const cognito = new CognitoIdentityProviderClient({ ...clientConfig, endpoint: input.cognitoEndpoint });
  try {
    await new TenantRepository(documents, input.directoryTable).createTenant(demoTenant);
    await new OfficeRepository(documents, input.directoryTable).createOffice({ tenantId: demoTenant.tenantId, ...demoOffice });
    // Validated and converted as POST /facilities does it, with the address also on one line.
    await new FacilityRepository(documents, input.directoryTable).createFacility({
      tenantId: demoTenant.tenantId,
      facilityId: demoFacilityId,
      ...toFacilityDetails(parseFacilityBody(demoFacilityForm)),
    });

    const created = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: input.userPoolId,
        Username: demoOperator.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: demoOperator.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:tenantId', Value: demoTenant.tenantId },
        ],
      }),
    );
    const operatorUserId = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    if (!operatorUserId) throw new Error('cognito-local created the demo operator without a sub attribute.');
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: input.userPoolId,
        Username: demoOperator.email,
        Password: demoOperator.password,
        Permanent: true,
      }),
    );
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: input.userPoolId, Username: demoOperator.email, GroupName: demoOperator.role }),
    );
    await new TenantRepository(documents, input.directoryTable).putOperatorUser({
      tenantId: demoTenant.tenantId,
      userId: operatorUserId,
      email: demoOperator.email,
      role: demoOperator.role,
      displayName: demoOperator.displayName,
    });

    const pairingCode = await new PairingCodeRepository(documents, input.directoryTable).createPairingCode({
      tenantId: demoTenant.tenantId,
      facilityId: demoFacilityId,
      createdBy: operatorUserId,
    });
    return {
      tenantId: demoTenant.tenantId,
      facilityId: demoFacilityId,
      operatorEmail: demoOperator.email,
      operatorPassword: demoOperator.password,
      operatorUserId,
      pairingCode: pairingCode.code,
      pairingCodeExpiresAt: pairingCode.expiresAt,
    };
  } finally {
    dynamo.destroy();
    cognito.destroy();
  }
}
