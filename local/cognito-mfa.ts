import { CognitoIdentityProviderClient, SetUserPoolMfaConfigCommand, type UserPoolMfaType } from '@aws-sdk/client-cognito-identity-provider';
import { findResources, type AssemblyStack } from './cloud-assembly';
import { localCredentials } from './cognito';
import { localRegion } from './ports';

/**
 * Gives the local pool the MFA setting of the synthesized pool (`OPTIONAL` with TOTP). cognito-local
 * 5.3 creates pools with MFA `OFF`, so a user's TOTP would never be asked for at sign-in.
 */
export async function applyPoolMfaConfiguration(endpoint: string, stacks: readonly AssemblyStack[], userPoolId: string): Promise<void> {
  const [pool] = findResources(stacks, 'AWS::Cognito::UserPool');
  const props = (pool?.resource.Properties ?? {}) as { MfaConfiguration?: UserPoolMfaType; EnabledMfas?: string[] };
  if (!props.MfaConfiguration || props.MfaConfiguration === 'OFF') return;
  const client = new CognitoIdentityProviderClient({ endpoint, region: localRegion, credentials: localCredentials });
  try {
    await client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: userPoolId,
        MfaConfiguration: props.MfaConfiguration,
        SoftwareTokenMfaConfiguration: { Enabled: (props.EnabledMfas ?? []).includes('SOFTWARE_TOKEN_MFA') },
      }),
    );
  } finally {
    client.destroy();
  }
}
