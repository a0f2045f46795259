import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { failedItemIndex, writeWithAttached, type Attach, type ConditionCheckItem, type TransactItem } from '../aws/transact-write';

/** A paired kiosk tablet and the Cognito user it signs in as. */
export interface Device {
  readonly tenantId: string;
  readonly facilityId: string;
  readonly deviceId: string;
  /** Cognito username as it appears in tokens (`cognito:username`) and in AppSync owner fields. */
  readonly cognitoUsername: string;
  /** Name the kiosk signs in with; Cognito admin calls accept it as the username. */
  readonly signInName?: string;
  /** Name the operator gives the tablet, e.g. "Entrance iPad". */
  readonly name: string;
  readonly status: 'active' | 'revoked';
  readonly pairedAt: string;
  /** When the kiosk last sent a heartbeat; absent until its first one. */
  readonly lastSeenAt?: string;
  /** Kiosk build version from the last heartbeat. */
  readonly appVersion?: string;
  /** Check-ins not yet sent (未送信), as the last heartbeat reported them. */
  readonly pendingCount?: number;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
}

export interface HeartbeatReport {
  readonly appVersion: string;
  readonly pendingCount: number;
}

const deviceKey = (tenantId: string, deviceId: string) => ({ pk: `TENANT#${tenantId}`, sk: `DEVICE#${deviceId}` });

/** Devices: `TENANT#t`/`DEVICE#d`, found by Cognito username through GSI `byDeviceUser`. */
export class DeviceRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a newly paired device; without a name it gets `defaultDeviceName`. Returns false, and
   * stores nothing, when one of `conditions` fails, such as the check that its facility is not
   * archived.
   */
  async createDevice(input: Omit<Device, 'name'> & { name?: string }, conditions: readonly ConditionCheckItem[] = []): Promise<boolean> {
    const device: Device = { ...input, name: input.name ?? defaultDeviceName(input.deviceId) };
    const put: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: {
          ...deviceKey(device.tenantId, device.deviceId),
          gsi1pk: `DEVICEUSER#${device.cognitoUsername}`,
          gsi1sk: `DEVICE#${device.deviceId}`,
          type: 'device',
          ...device,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    try {
      await writeWithAttached(this.client, [put, ...conditions]);
      return true;
    } catch (error) {
      // Item 0 is the device itself: an existing id is a bug, not a failed condition.
      if ((failedItemIndex(error) ?? 0) > 0) return false;
      throw error;
    }
  }

  /** Finds the device that signs in as this Cognito username, if any. */
  async findByCognitoUsername(cognitoUsername: string): Promise<Device | undefined> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byDeviceUser',
        KeyConditionExpression: 'gsi1pk = :user',
        ExpressionAttributeValues: { ':user': `DEVICEUSER#${cognitoUsername}` },
        Limit: 1,
      }),
    );
    const item = result.Items?.[0];
    return item ? toDevice(item) : undefined;
  }

  /** Returns a ConditionCheck that passes only while the device is active, so a transaction with it fails once the device is revoked. */
  activeDeviceCheck(device: Pick<Device, 'tenantId' | 'deviceId'>): ConditionCheckItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: deviceKey(device.tenantId, device.deviceId),
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active' },
      },
    };
  }

  async getDevice(tenantId: string, deviceId: string): Promise<Device | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: deviceKey(tenantId, deviceId) }));
    return result.Item ? toDevice(result.Item) : undefined;
  }

  /** Lists a facility's devices, revoked ones included, in pairing order. */
  async listFacilityDevices(tenantId: string, facilityId: string): Promise<Device[]> {
    const devices: Device[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: 'facilityId = :facilityId',
          // A device stored just before a facility archive must be in the archive's list.
          ConsistentRead: true,
          ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}`, ':prefix': 'DEVICE#', ':facilityId': facilityId },
          ExclusiveStartKey: startKey,
        }),
      );
      devices.push(...(page.Items ?? []).map(toDevice));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return devices.sort((a, b) => a.pairedAt.localeCompare(b.pairedAt));
  }

  /**
   * Records a heartbeat of an active device. Returns false when the device was revoked in the
   * meantime, so a revocation is never overwritten by a late heartbeat.
   */
  async recordHeartbeat(tenantId: string, deviceId: string, report: HeartbeatReport, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deviceKey(tenantId, deviceId),
          UpdateExpression: 'SET lastSeenAt = :now, appVersion = :appVersion, pendingCount = :pendingCount',
          ConditionExpression: 'attribute_exists(pk) AND #status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':appVersion': report.appVersion,
            ':pendingCount': report.pendingCount,
            ':active': 'active',
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /**
   * Renames a device read just before; returns the renamed device, or undefined when the tenant
   * no longer has it. `attach` adds writes, such as the audit record, to the same transaction.
   */
  async renameDevice(current: Device, name: string, attach?: Attach<Device>): Promise<Device | undefined> {
    const renamed: Device = { ...current, name };
    const stored = await this.updateExisting(current, 'SET #name = :name', { '#name': 'name' }, { ':name': name }, attach?.(renamed));
    return stored ? renamed : undefined;
  }

  /**
   * Marks a device read just before revoked, keeping the time and user of an earlier revocation.
   * Returns the revoked device, or undefined when the tenant no longer has it.
   */
  async revokeDevice(current: Device, revokedBy: string, now: Date, attach?: Attach<Device>): Promise<Device | undefined> {
    const revoked: Device = { ...current, status: 'revoked', revokedAt: current.revokedAt ?? now.toISOString(), revokedBy: current.revokedBy ?? revokedBy };
    const stored = await this.updateExisting(
      current,
      'SET #status = :revoked, revokedAt = if_not_exists(revokedAt, :now), revokedBy = if_not_exists(revokedBy, :by)',
      { '#status': 'status' },
      { ':revoked': 'revoked', ':now': now.toISOString(), ':by': revokedBy },
      attach?.(revoked),
    );
    return stored ? revoked : undefined;
  }

  private async updateExisting(
    current: Device,
    updateExpression: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
    attached: readonly TransactItem[] | undefined,
  ): Promise<boolean> {
    const update = {
      TableName: this.tableName,
      Key: deviceKey(current.tenantId, current.deviceId),
      UpdateExpression: updateExpression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    try {
      await writeWithAttached(this.client, [{ Update: update }], attached);
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

function toDevice(item: Record<string, unknown>): Device {
  const deviceId = item.deviceId as string;
  return {
    tenantId: item.tenantId as string,
    facilityId: item.facilityId as string,
    deviceId,
    cognitoUsername: item.cognitoUsername as string,
    signInName: item.signInName as string | undefined,
    // Devices paired before names existed get one from their id.
    name: (item.name as string | undefined) ?? defaultDeviceName(deviceId),
    status: item.status as Device['status'],
    pairedAt: item.pairedAt as string,
    lastSeenAt: item.lastSeenAt as string | undefined,
    appVersion: item.appVersion as string | undefined,
    pendingCount: item.pendingCount as number | undefined,
    revokedAt: item.revokedAt as string | undefined,
    revokedBy: item.revokedBy as string | undefined,
  };
}

/** Returns the name a newly paired device gets until the operator renames it. */
export function defaultDeviceName(deviceId: string): string {
  return `iPad ${deviceId.slice(0, 4).toUpperCase()}`;
}
