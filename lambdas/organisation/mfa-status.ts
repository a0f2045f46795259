import { AdminGetUserCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { readEnvironment } from '../runtime/environment';

/** Source of whether a user signs in with an authenticator app (TOTP), for the access resolver. */
export interface MfaStatusSource {
  totpEnabled(userId: string): Promise<boolean>;
}

/**
 * Reads the user's MFA settings from Cognito with `AdminGetUser`, so that TOTP turned off
 * directly in Cognito counts at once. The pool id comes from `USER_POOL_ID`, read on the first
 * call, because only owners in prod need the check.
 */
export class CognitoMfaStatus implements MfaStatusSource {
  constructor(private readonly client: CognitoIdentityProviderClient) {}

  async totpEnabled(userId: string): Promise<boolean> {
    const { USER_POOL_ID } = readEnvironment(['USER_POOL_ID']);
    // In a pool that signs in by email the username is the user's sub.
    const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: USER_POOL_ID, Username: userId }));
    return user.Enabled !== false && (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
  }
}
