import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeDeliveryReader, startCognitoLocal, type CodeDelivery } from '../../local/cognito';
import { credentials, freePort, region } from './support/handler-emulators';

/** Invented operator: no real person. */
const email = 'kasou.taro@example.invalid';

describe('cognito-local code delivery', () => {
  const deliveries: CodeDelivery[] = [];
  let dataDir: string;
  let cognito: Awaited<ReturnType<typeof startCognitoLocal>>;
  let client: CognitoIdentityProviderClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cognito-codes-'));
    cognito = await startCognitoLocal({ port: await freePort(), dataDir, onCodeDelivery: (delivery) => deliveries.push(delivery) });
    client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region, credentials });
  });

  afterAll(async () => {
    client.destroy();
    await cognito.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('password reset code works', async () => {
    const pool = await client.send(new CreateUserPoolCommand({ PoolName: 'codes', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }));
    const userPoolId = pool.UserPool!.Id!;
    const appClient = await client.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'admin', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    );
    const clientId = appClient.UserPoolClient!.ClientId!;
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
      }),
    );
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: 'Kasou-Old-Pass-1', Permanent: true }));

    await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: email }));
    const deadline = Date.now() + 5_000;
    while (deliveries.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].destination).toBe(email);
    expect(deliveries[0].code).toMatch(/^\d{6}$/);
    await client.send(
      new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: email, ConfirmationCode: deliveries[0].code, Password: 'Kasou-New-Pass-2' }),
    );
    const signIn = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Kasou-New-Pass-2' } }),
    );
    expect(signIn.AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });
});

describe('codeDeliveryReader', () => {
  const box = [
    '[cognito-local] INFO: ForgotPassword ╭──────────────────────────────╮',
    '[cognito-local] │   Username:    f65fed23-bc10-41c5   │',
    `[cognito-local] │   Destination: ${email}   │`,
    '[cognito-local] │   Code:        538172                │',
    '[cognito-local] ╰──────────────────────────────╯',
  ];

  test('reads destination and code', () => {
    const deliveries: CodeDelivery[] = [];
    const read = codeDeliveryReader((delivery) => deliveries.push(delivery));

    box.forEach(read);

    expect(deliveries).toEqual([{ destination: email, code: '538172' }]);
  });

  test('ignores code without destination', () => {
    const deliveries: CodeDelivery[] = [];
    const read = codeDeliveryReader((delivery) => deliveries.push(delivery));

    read('[cognito-local] │   Code:        538172                │');
    read('[cognito-local] INFO: AdminGetUser');

    expect(deliveries).toEqual([]);
  });
});
