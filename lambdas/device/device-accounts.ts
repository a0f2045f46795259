import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes, randomInt } from 'node:crypto';

export interface DeviceAccount {
  /** Name the kiosk signs in with. */
  readonly signInName: string;
  /** Username Cognito assigned; equals `sub` when the pool signs in by email alias. */
  readonly cognitoUsername: string;
  readonly password: string;
}

/**
 * A random password of 32 base64url characters (192 bits) plus one character of each class,
 * so it passes any Cognito password policy.
 */
function generateDevicePassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!#%+-=?@^_'];
  const required = classes.map((characters) => characters[randomInt(characters.length)]).join('');
  return randomBytes(24).toString('base64url') + required;
}

/**
 * Creates the Cognito user of a kiosk in group `kiosk` with its tenant and facility as custom
 * attributes. The sign-in name is an address under the reserved `.invalid` domain, so it is
 * accepted by pools that sign in by email and no mail is ever sent to it.
 */
export async function createDeviceAccount(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  device: { deviceId: string; tenantId: string; facilityId: string },
): Promise<DeviceAccount> {
  const signInName = `kiosk-${device.deviceId}@devices.open-sesame.invalid`;
  const password = generateDevicePassword();
  const created = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: signInName,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: signInName },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:tenantId', Value: device.tenantId },
        { Name: 'custom:facilityId', Value: device.facilityId },
      ],
    }),
  );
  const cognitoUsername = created.User?.Username ?? signInName;
  await cognito.send(
    new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: signInName, Password: password, Permanent: true }),
  );
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: signInName, GroupName: 'kiosk' }));
  return { signInName, cognitoUsername, password };
}

/** Deletes the Cognito user of a kiosk whose pairing failed after `createDeviceAccount`. */
export async function deleteDeviceAccount(cognito: CognitoIdentityProviderClient, userPoolId: string, signInName: string): Promise<void> {
  await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: signInName }));
}
