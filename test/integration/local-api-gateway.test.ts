import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';

/** Environment exported by local/system.ts through test/support/global-setup.ts. */
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through jest's integration project.`);
  return value;
}

async function signIn(clientId: string): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: env('OS_COGNITO_ENDPOINT'),
    region: env('OS_REGION'),
    credentials: { accessKeyId: env('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: env('OS_AWS_SECRET_ACCESS_KEY') },
  });
  const result = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: env('OS_DEMO_OPERATOR_EMAIL'), PASSWORD: env('OS_DEMO_OPERATOR_PASSWORD') },
    }),
  );
  cognito.destroy();
  const idToken = result.AuthenticationResult?.IdToken;
  if (!idToken) throw new Error('cognito-local returned no ID token for the demo operator.');
  return idToken;
}

function getMe(authorization?: string): Promise<Response> {
  return fetch(`${env('OS_API_URL')}/me`, { headers: authorization ? { authorization } : {} });
}

describe('local API gateway', () => {
  let operatorToken: string;

  beforeAll(async () => {
    operatorToken = await signIn(env('OS_ADMIN_CLIENT_ID'));
  });

  it('rejects a body over 10 MB with 413', async () => {
    const response = await fetch(`${env('OS_API_URL')}/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"pairingCode":"${'A'.repeat(11 * 1024 * 1024)}"}`,
    }).catch((error: unknown) => error);

    // Node's fetch may see the connection closed before it has sent the whole body.
    if (response instanceof Response) expect(response.status).toBe(413);
    else expect(String((response as Error).cause ?? response)).toMatch(/EPIPE|ECONNRESET|SocketError|other side closed/);
  });

  it('rejects a missing token with 401', async () => {
    const response = await getMe();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('rejects a tampered token with 401', async () => {
    const [header, payload, signature] = operatorToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, 'custom:tenantId': 'another-tenant' })).toString('base64url');
    const response = await getMe(`${header}.${forged}.${signature}`);
    expect(response.status).toBe(401);
  });

  it('rejects a token of another app client with 401', async () => {
    const kioskClientToken = await signIn(env('OS_KIOSK_CLIENT_ID'));
    const response = await getMe(kioskClientToken);
    expect(response.status).toBe(401);
  });

  it('passes verified claims to the handler', async () => {
    const response = await getMe(`Bearer ${operatorToken}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { tenantId: string; email: string; role: string };
    expect(body.tenantId).toBe(env('OS_DEMO_TENANT_ID'));
    expect(body.email).toBe(env('OS_DEMO_OPERATOR_EMAIL'));
    expect(body.role).toBe('owner');
  });

  it('answers CORS preflight for the admin origin', async () => {
    const origin = env('OS_ADMIN_URL');
    const response = await fetch(`${env('OS_API_URL')}/me`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('serves a route without authorizer without a token', async () => {
    const response = await fetch(`${env('OS_API_URL')}/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode: 'ZZZZZZZZ' }),
    });
    expect(response.status).not.toBe(401);
    expect(response.status).toBeLessThan(500);
  });
});
