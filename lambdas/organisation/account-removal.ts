import { AdminDeleteUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/**
 * Removal of a tenant's Cognito users when the tenant is offboarded: its head-office users, whose
 * email addresses Cognito keeps, and its kiosks' device users.
 */
export class AccountRemoval {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /**
   * Deletes the user that signs in as `username` (an email address or a kiosk's sign-in name).
   * Returns false when the pool has no such user, so that a repeated offboarding run goes on.
   */
  async deleteUser(username: string): Promise<boolean> {
    try {
      await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      return true;
    } catch (error) {
      if (error instanceof UserNotFoundException) return false;
      throw error;
    }
  }
}
