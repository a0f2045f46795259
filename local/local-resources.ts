import { CreateKeyCommand, KMSClient, type KeySpec, type KeyUsageType } from '@aws-sdk/client-kms';
import type { CdkOut, LocalTable } from './cdk-out';
import { findResources, localAccountId, type AssemblyStack, type PhysicalValueLookup } from './cloud-assembly';
import { localCredentials, type LocalUserPool } from './cognito';
import { localRegion } from './ports';

/** Local name of a synthesized bucket: stack and logical id, lower-cased as S3 requires. */
export function localBucketName(stack: AssemblyStack, logicalId: string): string {
  return `${stack.artifactId}-${logicalId}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-').slice(0, 63);
}

/** Returns the local name of every AWS::S3::Bucket of the assembly. */
export function localBucketNames(stacks: readonly AssemblyStack[]): string[] {
  return findResources(stacks, 'AWS::S3::Bucket').map(({ stack, logicalId }) => localBucketName(stack, logicalId));
}

/**
 * Creates every AWS::KMS::Key of the assembly in the local KMS endpoint with its KeySpec and
 * KeyUsage, and returns the new key ids by `<stack artifact id>/<logical id>`.
 */
export async function createKeysFromAssembly(kmsEndpoint: string, stacks: readonly AssemblyStack[]): Promise<Map<string, string>> {
  const kms = new KMSClient({ endpoint: kmsEndpoint, region: localRegion, credentials: localCredentials });
  const keyIds = new Map<string, string>();
  try {
    for (const { stack, logicalId, resource } of findResources(stacks, 'AWS::KMS::Key')) {
      const props = resource.Properties ?? {};
      const created = await kms.send(
        new CreateKeyCommand({
          KeySpec: (props.KeySpec as KeySpec | undefined) ?? 'SYMMETRIC_DEFAULT',
          KeyUsage: (props.KeyUsage as KeyUsageType | undefined) ?? 'ENCRYPT_DECRYPT',
          Description: typeof props.Description === 'string' ? props.Description : logicalId,
        }),
      );
      const keyId = created.KeyMetadata?.KeyId;
      if (!keyId) throw new Error(`The local KMS endpoint returned no key id for ${logicalId}.`);
      keyIds.set(`${stack.artifactId}/${logicalId}`, keyId);
    }
  } finally {
    kms.destroy();
  }
  return keyIds;
}

/**
 * Maps a synthesized resource to its local counterpart for the intrinsic resolver: table names
 * from local/cdk-out.ts, bucket names, KMS key ids, the cognito-local pool and client ids.
 */
export function createPhysicalValueLookup(input: {
  stacks: readonly AssemblyStack[];
  tables: readonly LocalTable[];
  keyIds: ReadonlyMap<string, string>;
  userPool: LocalUserPool;
  /** Resolves an output of a nested stack (see `CdkOut.nestedStackOutput`). */
  nestedStackOutput?: CdkOut['nestedStackOutput'];
}): PhysicalValueLookup {
  const artifactIdOf = new Map(input.stacks.map((stack) => [stack.stackName, stack.artifactId]));
  return ({ stackName, logicalId, resourceType, attribute }) => {
    const artifactId = artifactIdOf.get(stackName) ?? stackName;
    const arn = (service: string, resource: string) => `arn:aws:${service}:${localRegion}:${localAccountId}:${resource}`;
    switch (resourceType) {
      case 'AWS::DynamoDB::Table': {
        const table = input.tables.find((candidate) => candidate.stackId === artifactId && candidate.logicalId === logicalId);
        const name = table?.createTableInput.TableName;
        if (!name) return undefined;
        if (attribute === undefined) return name;
        return attribute === 'Arn' ? arn('dynamodb', `table/${name}`) : undefined;
      }
      case 'AWS::S3::Bucket': {
        const stack = input.stacks.find((candidate) => candidate.artifactId === artifactId);
        if (!stack) return undefined;
        const name = localBucketName(stack, logicalId);
        if (attribute === undefined) return name;
        return attribute === 'Arn' ? `arn:aws:s3:::${name}` : undefined;
      }
      case 'AWS::KMS::Key': {
        const keyId = input.keyIds.get(`${artifactId}/${logicalId}`);
        if (!keyId) return undefined;
        if (attribute === undefined || attribute === 'KeyId') return keyId;
        return attribute === 'Arn' ? arn('kms', `key/${keyId}`) : undefined;
      }
      case 'AWS::Cognito::UserPool': {
        if (logicalId !== input.userPool.logicalId) return undefined;
        if (attribute === undefined) return input.userPool.userPoolId;
        return attribute === 'Arn' ? arn('cognito-idp', `userpool/${input.userPool.userPoolId}`) : undefined;
      }
      case 'AWS::CloudFormation::Stack': {
        // The api stack reads the CheckIn table's name from the Sync stack's AppSync nested stack.
        if (!input.nestedStackOutput || !attribute?.startsWith('Outputs.')) return undefined;
        const value = input.nestedStackOutput(artifactId, logicalId, attribute.slice('Outputs.'.length));
        return typeof value === 'string' ? value : undefined;
      }
      case 'AWS::Cognito::UserPoolClient':
        return attribute === undefined ? input.userPool.clientIdsByLogicalId.get(logicalId) : undefined;
      default:
        return undefined;
    }
  };
}

/** Placeholder for the user pool id while the issuer domain is worked out before the pool exists. */
const poolPlaceholder = 'USER-POOL-ID-PLACEHOLDER';

/**
 * Returns the issuer prefix (`https://cognito-idp.<region>.amazonaws.com`) that the synthesized
 * JWT authorizers expect, so that cognito-local signs tokens those routes accept.
 * Returns undefined when the assembly has no JWT authorizer.
 */
export function authorizerIssuerDomain(
  stacks: readonly AssemblyStack[],
  resolve: (stack: AssemblyStack, value: unknown, lookup: PhysicalValueLookup) => string,
): string | undefined {
  const lookup: PhysicalValueLookup = ({ resourceType, attribute }) =>
    resourceType === 'AWS::Cognito::UserPool' && attribute === undefined ? poolPlaceholder : undefined;
  for (const { stack, resource } of findResources(stacks, 'AWS::ApiGatewayV2::Authorizer')) {
    const issuer = (resource.Properties?.JwtConfiguration as { Issuer?: unknown } | undefined)?.Issuer;
    if (issuer === undefined) continue;
    const resolved = resolve(stack, issuer, lookup);
    return resolved.replace(new RegExp(`/${poolPlaceholder}$`), '');
  }
  return undefined;
}
