import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPrivateKey, sign } from 'node:crypto';

/** Environment exported by local/system.ts through test/support/global-setup.ts. */
export function systemEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through jest's integration project.`);
  return value;
}

export function localCognito(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: systemEnv('OS_COGNITO_ENDPOINT'),
    region: systemEnv('OS_REGION'),
    credentials: { accessKeyId: systemEnv('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: systemEnv('OS_AWS_SECRET_ACCESS_KEY') },
  });
}

/** Password that meets the synthesized policy; test accounts only. */
export const testPassword = 'Isolation-Test-2026!';

/**
 * Creates a confirmed user in the running system's cognito-local pool and returns its `sub`.
 * `facilityId` is set for kiosk users only. With `temporaryPassword` the user is left as an
 * invitation leaves them: Cognito asks for a new password at the first sign-in.
 */
export async function createPoolUser(
  cognito: CognitoIdentityProviderClient,
  input: { email: string; tenantId: string; group: string; facilityId?: string; temporaryPassword?: string },
): Promise<string> {
  const userPoolId = systemEnv('OS_USER_POOL_ID');
  const attributes = [
    { Name: 'email', Value: input.email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'custom:tenantId', Value: input.tenantId },
  ];
  if (input.facilityId) attributes.push({ Name: 'custom:facilityId', Value: input.facilityId });
  const created = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: input.email,
      MessageAction: 'SUPPRESS',
      UserAttributes: attributes,
      TemporaryPassword: input.temporaryPassword,
    }),
  );
  if (!input.temporaryPassword) {
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: input.email, Password: testPassword, Permanent: true }));
  }
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: input.email, GroupName: input.group }));
  const sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
  if (!sub) throw new Error('cognito-local created a user without a sub attribute.');
  return sub;
}

/** Signs in with USER_PASSWORD_AUTH through one app client and returns the ID token. */
export async function signIn(cognito: CognitoIdentityProviderClient, clientId: string, email: string): Promise<string> {
  const result = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: testPassword } }),
  );
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`cognito-local returned no ID token for ${email}.`);
  return token;
}

/**
 * Re-signs a token's claims with `exp` moved by `expiresInSeconds` from now (negative: already
 * expired), using the fixed signing key that cognito-local ships.
 */
export function resignedCopyOf(token: string, expiresInSeconds: number): string {
  const [headerPart, payloadPart] = token.split('.');
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Record<string, unknown>;
  const payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Record<string, number>;
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...payload, iat: now - 7200, auth_time: now - 7200, exp: now + expiresInSeconds };
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { jwk } = require('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: Record<string, string> };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
}
