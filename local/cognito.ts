import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  type ExplicitAuthFlowsType,
  type SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureTail, forwardLines, spawnGuarded, stopChild } from './child-process';
import { findResources, type AssemblyStack } from './cloud-assembly';
import { assertPortFree, serviceStartTimeoutMs, waitForPort } from './ports-check';
import { localRegion } from './ports';

/**
 * Issuer prefix of cognito-local's tokens. The AppSync simulator accepts a user-pool token only
 * when `iss` starts with `https://cognito-idp.`, so cognito-local signs with the issuer a
 * deployed pool in this region would have. Its keys are still cognito-local's own.
 */
export const localIssuerDomain = `https://cognito-idp.${localRegion}.amazonaws.com`;

/** Dummy credentials for every local AWS client; s3rver checks signatures against these. */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface CognitoLocal {
  readonly endpoint: string;
  /** Token issuer of a pool: `<issuer domain>/<userPoolId>`. */
  issuer(userPoolId: string): string;
  /** URL of a pool's JSON Web Key Set on cognito-local (plain HTTP). */
  jwksUrl(userPoolId: string): string;
  stop(): Promise<void>;
}

/** A code that cognito-local printed instead of mailing it. */
export interface CodeDelivery {
  /** The email address a deployed pool would send the code to. */
  readonly destination: string;
  readonly code: string;
}

/**
 * Returns a line reader for cognito-local 5's console box of a code delivery, which prints
 * `Destination:` and then `Code:` on lines of their own, and calls `onDelivery` for each code.
 */
export function codeDeliveryReader(onDelivery: (delivery: CodeDelivery) => void): (line: string) => void {
  let destination: string | undefined;
  return (line) => {
    const field = /│\s+(Destination|Code):\s+(\S+)\s+│/.exec(line);
    if (!field) return;
    if (field[1] === 'Destination') destination = field[2];
    else if (destination !== undefined) {
      onDelivery({ destination, code: field[2] });
      destination = undefined;
    }
  };
}

/** Starts cognito-local as a child process whose data lives under `dataDir`. */
export async function startCognitoLocal(options: {
  port: number;
  dataDir: string;
  /** Issuer prefix the deployed authorizers expect; default `localIssuerDomain`. */
  issuerDomain?: string;
  /** Receives each line cognito-local prints; default none. */
  log?: (line: string) => void;
  /**
   * Receives each code that a deployed pool would send by email, such as a password reset code.
   * cognito-local sends no mail and prints them instead; default none.
   */
  onCodeDelivery?: (delivery: CodeDelivery) => void;
}): Promise<CognitoLocal> {
  const issuerDomain = options.issuerDomain ?? localIssuerDomain;
  await assertPortFree(options.port, 'cognito-local');
  // cognito-local reads `.cognito/config.json` and keeps its database under `.cognito/db`,
  // both relative to its working directory.
  const configDir = path.join(options.dataDir, '.cognito');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    path.join(configDir, 'config.json'),
    JSON.stringify({
      TokenConfig: { IssuerDomain: issuerDomain },
      ServerConfig: { port: options.port, hostname: '127.0.0.1' },
    }),
  );
  const entry = require.resolve('cognito-local/lib/bin/start.js');
  const child = spawnGuarded(process.execPath, [entry], {
    cwd: options.dataDir,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', options.log || options.onCodeDelivery ? 'pipe' : 'ignore', 'pipe'],
  });
  const stderr = captureTail(child.stderr);
  const readDelivery = options.onCodeDelivery ? codeDeliveryReader(options.onCodeDelivery) : undefined;
  forwardLines(child.stdout, 'cognito-local', (line) => {
    readDelivery?.(line);
    options.log?.(line);
  });
  forwardLines(child.stderr, 'cognito-local', options.log);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`cognito-local exited with code ${code}: ${stderr()}`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForPort(options.port, serviceStartTimeoutMs, 'cognito-local'), exited]);
  const endpoint = `http://127.0.0.1:${options.port}`;
  return {
    endpoint,
    issuer: (userPoolId) => `${issuerDomain}/${userPoolId}`,
    jwksUrl: (userPoolId) => `${endpoint}/${userPoolId}/.well-known/jwks.json`,
    stop: () => stopChild(child),
  };
}

export interface LocalUserPool {
  readonly userPoolId: string;
  /** App client ids by the logical id of their AWS::Cognito::UserPoolClient. */
  readonly clientIdsByLogicalId: ReadonlyMap<string, string>;
  /** Logical id of the synthesized AWS::Cognito::UserPool this local pool replaces. */
  readonly logicalId: string;
  readonly stackName: string;
}

/**
 * Creates the user pool of the synthesized auth stack in cognito-local, with the same username
 * attributes, custom attributes, password policy, groups and app clients (auth flows).
 */
export async function createUserPoolFromAssembly(
  endpoint: string,
  stacks: readonly AssemblyStack[],
): Promise<LocalUserPool> {
  const pools = findResources(stacks, 'AWS::Cognito::UserPool');
  if (pools.length !== 1) {
    throw new Error(`Expected one AWS::Cognito::UserPool in cdk.out, found ${pools.length}.`);
  }
  const [{ stack, logicalId, resource }] = pools;
  const props = (resource.Properties ?? {}) as Record<string, unknown>;
  const client = new CognitoIdentityProviderClient({ endpoint, region: localRegion, credentials: localCredentials });

  const input: CreateUserPoolCommandInput = {
    PoolName: typeof props.UserPoolName === 'string' ? props.UserPoolName : `${stack.stackName}-${logicalId}`,
    UsernameAttributes: props.UsernameAttributes as CreateUserPoolCommandInput['UsernameAttributes'],
    AliasAttributes: props.AliasAttributes as CreateUserPoolCommandInput['AliasAttributes'],
    AutoVerifiedAttributes: props.AutoVerifiedAttributes as CreateUserPoolCommandInput['AutoVerifiedAttributes'],
    Schema: props.Schema as SchemaAttributeType[] | undefined,
    Policies: props.Policies as CreateUserPoolCommandInput['Policies'],
  };
  const created = await client.send(new CreateUserPoolCommand(input));
  const userPoolId = created.UserPool?.Id;
  if (!userPoolId) throw new Error('cognito-local returned no user pool id.');

  for (const group of findResources(stacks, 'AWS::Cognito::UserPoolGroup')) {
    const groupName = group.resource.Properties?.GroupName;
    if (typeof groupName !== 'string') {
      throw new Error(`User pool group ${group.logicalId} has no literal GroupName; the local runner needs one.`);
    }
    await client.send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: groupName,
        Description: group.resource.Properties?.Description as string | undefined,
        Precedence: group.resource.Properties?.Precedence as number | undefined,
      }),
    );
  }

  const clientIdsByLogicalId = new Map<string, string>();
  for (const appClient of findResources(stacks, 'AWS::Cognito::UserPoolClient')) {
    const clientProps = appClient.resource.Properties ?? {};
    const createdClient = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: typeof clientProps.ClientName === 'string' ? clientProps.ClientName : appClient.logicalId,
        ExplicitAuthFlows: clientProps.ExplicitAuthFlows as ExplicitAuthFlowsType[] | undefined,
        GenerateSecret: false,
      }),
    );
    const clientId = createdClient.UserPoolClient?.ClientId;
    if (!clientId) throw new Error(`cognito-local returned no client id for ${appClient.logicalId}.`);
    clientIdsByLogicalId.set(appClient.logicalId, clientId);
  }
  client.destroy();
  return { userPoolId, clientIdsByLogicalId, logicalId, stackName: stack.stackName };
}
