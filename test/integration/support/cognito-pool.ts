import { App } from 'aws-cdk-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuthStack } from '../../../lib/auth/auth-stack';
import type { StageConfig } from '../../../lib/stage-config';
import type { AssemblyStack } from '../../../local/cloud-assembly';
import { createUserPoolFromAssembly, startCognitoLocal } from '../../../local/cognito';
import { freePort, region } from './handler-emulators';

/**
 * cognito-local on a free loopback port with its database in a temporary folder. It contains
 * the user pool that `AuthStack` synthesizes, with the same username attributes, custom
 * attributes, password policy, groups and app clients as a deployed stage.
 */
export interface TestUserPool {
  readonly endpoint: string;
  readonly userPoolId: string;
  /** App client the kiosk signs in with (USER_PASSWORD_AUTH allowed). */
  readonly kioskClientId: string;
  /** `iss` of the pool's tokens. */
  readonly issuer: string;
  /** URL of the pool's JSON Web Key Set (plain HTTP). */
  readonly jwksUrl: string;
  stop(): Promise<void>;
}

const testStage: StageConfig = {
  name: 'test',
  account: undefined,
  region,
  mailSenderDomain: 'open-sesame.invalid',
  mailFromAddress: 'no-reply@open-sesame.invalid',
  removalPolicy: 'destroy',
  logRetentionDays: 7,
};

export async function startTestUserPool(): Promise<TestUserPool> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cognito-local-'));
  const cognito = await startCognitoLocal({ port: await freePort(), dataDir });
  try {
    const app = new App();
    const authStack = new AuthStack(app, 'TestAuth', { config: testStage });
    const template = app.synth().getStackByName(authStack.stackName).template;
    const assemblyStack: AssemblyStack = { artifactId: 'TestAuth', stackName: authStack.stackName, template, assemblyDir: dataDir };
    const pool = await createUserPoolFromAssembly(cognito.endpoint, [assemblyStack]);

    const kioskClientLogicalId = authStack.getLogicalId(authStack.kioskClient.node.defaultChild as never);
    const kioskClientId = pool.clientIdsByLogicalId.get(kioskClientLogicalId);
    if (!kioskClientId) {
      throw new Error(`cognito-local has no app client ${kioskClientLogicalId}: update startTestUserPool to the client ids of AuthStack.`);
    }
    return {
      endpoint: cognito.endpoint,
      userPoolId: pool.userPoolId,
      kioskClientId,
      issuer: cognito.issuer(pool.userPoolId),
      jwksUrl: cognito.jwksUrl(pool.userPoolId),
      stop: async () => {
        await cognito.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cognito.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
