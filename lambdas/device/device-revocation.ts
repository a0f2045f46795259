import { AdminDisableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../aws/cognito';
import type { AdminAuditLog } from '../organisation/admin-audit';
import type { Device, DeviceRepository } from './device-repository';

/** The operator who revokes a device, recorded in its `revokedBy` field and the audit record. */
export interface RevocationActor {
  readonly tenantId: string;
  readonly userId: string;
  readonly requestId?: string;
}

/**
 * Marks a device revoked with a `device.revoke` audit record and disables its Cognito user, so
 * Cognito refuses its sign-in and token refresh. Returns the stored device, or undefined when
 * the device no longer exists. A device revoked before keeps its revocation time and gets no
 * second audit record.
 */
export async function revokeDeviceAccess(
  deps: { devices: DeviceRepository; audit: AdminAuditLog; userPoolId: string },
  current: Device,
  actor: RevocationActor,
  now = new Date(),
): Promise<Device | undefined> {
  const alreadyRevoked = current.status === 'revoked';
  const device = await deps.devices.revokeDevice(current, actor.userId, now, () =>
    alreadyRevoked
      ? []
      : [
          deps.audit.entry({
            tenantId: actor.tenantId,
            userId: actor.userId,
            action: 'device.revoke',
            targetType: 'device',
            targetIds: [current.deviceId],
            changedFields: ['status'],
            requestId: actor.requestId,
          }),
        ],
  );
  if (!device) return undefined;

  const username = device.signInName ?? device.cognitoUsername;
  await cognitoClient.send(new AdminDisableUserCommand({ UserPoolId: deps.userPoolId, Username: username }));
  return device;
}
