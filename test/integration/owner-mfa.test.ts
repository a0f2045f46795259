import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { currentTotpCode } from '../e2e/support/totp';
import { apiEvent, operatorClaims } from './support/api-events';
import { startTestUserPool, type TestUserPool } from './support/cognito-pool';
import { credentials, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';

type Handler = typeof import('../../lambdas/organisation/record-mfa').handler;

const tenantId = 'tenant-mfa';
const ownerEmail = 'owner-mfa@example.invalid';
const password = 'Owner-Mfa-Test-2026!';

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('two-step verification for owners in prod', () => {
  let emulators: HandlerEmulators;
  let userPool: TestUserPool;
  let cognito: CognitoIdentityProviderClient;
  let ownerId: string;
  let handlers: { recordMfa: Handler; getMe: Handler; listFacilities: Handler };
  let tenants: import('../../lambdas/organisation/tenant-repository').TenantRepository;
  let ownerAccessToken: string;

  beforeAll(async () => {
    [emulators, userPool] = await Promise.all([startHandlerEmulators(), startTestUserPool()]);
    Object.assign(process.env, emulators.environment, {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: userPool.endpoint,
      USER_POOL_ID: userPool.userPoolId,
      STAGE: 'prod',
    });
    cognito = new CognitoIdentityProviderClient({ endpoint: userPool.endpoint, region, credentials });
    const created = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPool.userPoolId,
        Username: ownerEmail,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: ownerEmail },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:tenantId', Value: tenantId },
        ],
      }),
    );
    ownerId = created.User!.Attributes!.find((attribute) => attribute.Name === 'sub')!.Value!;
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPool.userPoolId, Username: ownerEmail, Password: password, Permanent: true }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPool.userPoolId, Username: ownerEmail, GroupName: 'owner' }));

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    tenants = new TenantRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '二段階検証株式会社', contactEmail: ownerEmail });
    await tenants.putOperatorUser({ tenantId, userId: ownerId, email: ownerEmail, role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: 'manager-mfa', email: 'manager-mfa@example.invalid', role: 'manager', officeIds: ['office-mfa'] });

    handlers = {
      recordMfa: require('../../lambdas/organisation/record-mfa').handler,
      getMe: require('../../lambdas/organisation/get-me').handler,
      listFacilities: require('../../lambdas/facility/list-facilities').handler,
    };
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    process.env.STAGE = 'test';
    cognito?.destroy();
    await Promise.all([emulators?.stop(), userPool?.stop()]);
  });

  const owner = () => operatorClaims(tenantId, ownerId, 'owner');

  test('owner without TOTP is refused', async () => {
    const result = await handlers.listFacilities(apiEvent({ claims: owner() }));

    expect(result.statusCode).toBe(403);
    expect(json(result).error).toMatchObject({ code: 'mfa_required', message: expect.stringMatching(/^オーナーは 2 段階認証が必要です/) });
  });

  test('me tells the owner to set it up', async () => {
    const result = await handlers.getMe(apiEvent({ claims: owner() }));

    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ role: 'owner', mfaSetupRequired: true, mfaEnabled: false, permissions: [] });
  });

  test('manager is not asked', async () => {
    const result = await handlers.listFacilities(apiEvent({ claims: operatorClaims(tenantId, 'manager-mfa', 'manager') }));

    expect(result.statusCode).toBe(200);
  });

  test('other stages do not ask owners', async () => {
    process.env.STAGE = 'stg';
    try {
      expect((await handlers.listFacilities(apiEvent({ claims: owner() }))).statusCode).toBe(200);
    } finally {
      process.env.STAGE = 'prod';
    }
  });

  test('directory flag alone not trusted', async () => {
    const stored = await tenants.getOperatorUser(tenantId, ownerId);
    await tenants.updateOperatorUser(stored!, { mfaEnabled: true });
    try {
      const result = await handlers.listFacilities(apiEvent({ claims: owner() }));

      expect(result.statusCode).toBe(403);
      expect(json(result).error.code).toBe('mfa_required');
    } finally {
      await tenants.updateOperatorUser((await tenants.getOperatorUser(tenantId, ownerId))!, { mfaEnabled: false });
    }
  });

  test('reporting without TOTP changes nothing', async () => {
    const result = await handlers.recordMfa(apiEvent({ claims: owner() }));

    expect(json(result)).toEqual({ mfaEnabled: false });
    expect((await handlers.listFacilities(apiEvent({ claims: owner() }))).statusCode).toBe(403);
  });

  test('enrolled owner gets in', async () => {
    const signedIn = await cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: userPool.kioskClientId, AuthParameters: { USERNAME: ownerEmail, PASSWORD: password } }),
    );
    const accessToken = signedIn.AuthenticationResult!.AccessToken!;
    ownerAccessToken = accessToken;
    const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    await cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: currentTotpCode(SecretCode!) }));
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const recorded = await handlers.recordMfa(apiEvent({ claims: owner() }));

    expect(json(recorded)).toEqual({ mfaEnabled: true });
    expect((await handlers.listFacilities(apiEvent({ claims: owner() }))).statusCode).toBe(200);
    expect(json(await handlers.getMe(apiEvent({ claims: owner() })))).toMatchObject({ mfaSetupRequired: false, mfaEnabled: true });
  });

  test('TOTP turned off in Cognito refused', async () => {
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: ownerAccessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));

    const result = await handlers.listFacilities(apiEvent({ claims: owner() }));

    expect(result.statusCode).toBe(403);
    expect(json(result).error.code).toBe('mfa_required');
    expect(json(await handlers.getMe(apiEvent({ claims: owner() })))).toMatchObject({ mfaSetupRequired: true, mfaEnabled: false });
    // Nothing told the Directory: the refusal comes from Cognito's MFA settings alone.
    expect(await tenants.getOperatorUser(tenantId, ownerId)).toMatchObject({ mfaEnabled: true });
  });
});
