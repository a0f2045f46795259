import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomInt } from 'node:crypto';
import type { OperatorRole } from '../http/caller';

/** Raised when the pool already has a user with the email, in this tenant or another. */
export class EmailTakenError extends Error {
  constructor() {
    super('The user pool already has a user with this email.');
    this.name = 'EmailTakenError';
  }
}

/**
 * Generates a temporary password a person can type from a mail: four groups of four characters without
 * look-alikes (0/O, 1/l/I), with upper, lower, digit and symbol as Cognito's policy requires.
 * Cognito makes the user choose a new password at the first sign-in.
 */
export function generateTemporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  const required = ['ABCDEFGHJKMNPQRSTUVWXYZ', 'abcdefghjkmnpqrstuvwxyz', '23456789']
    .map((characters) => characters[randomInt(characters.length)])
    .join('');
  return `${group()}-${group()}-${group()}-${required}!`;
}

/** Head-office users in the Cognito user pool, signed in by email. */
export class OperatorAccounts {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /**
   * Creates the user with a temporary password and no Cognito mail (the product sends its own
   * bilingual invitation), and puts it in the group of its role. Returns the user's `sub`.
   */
  async createUser(input: { email: string; tenantId: string; role: OperatorRole; temporaryPassword: string }): Promise<string> {
    let sub: string | undefined;
    try {
      const created = await this.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: input.email,
          MessageAction: 'SUPPRESS',
          TemporaryPassword: input.temporaryPassword,
          UserAttributes: [
            { Name: 'email', Value: input.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'custom:tenantId', Value: input.tenantId },
          ],
        }),
      );
      sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new EmailTakenError();
      throw error;
    }
    if (!sub) throw new Error('Cognito created the user without a sub attribute.');
    await this.addToGroup(input.email, input.role);
    return sub;
  }

  /** Moves the user from the group of one role to the group of another. */
  async changeGroup(email: string, from: OperatorRole, to: OperatorRole): Promise<void> {
    await this.addToGroup(email, to);
    await this.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: email, GroupName: from }));
  }

  /** Disables sign-in; Cognito also stops refreshing the user's tokens. */
  async disable(email: string): Promise<void> {
    await this.cognito.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: email }));
  }

  async enable(email: string): Promise<void> {
    await this.cognito.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: email }));
  }

  private async addToGroup(email: string, role: OperatorRole): Promise<void> {
    await this.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: email, GroupName: role }));
  }
}
