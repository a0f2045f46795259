import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A paired kiosk tablet and the Cognito user it signs in as. */
export interface Device {
  readonly tenantId: string;
  readonly facilityId: string;
  readonly deviceId: string;
  /** Cognito username as it appears in tokens (`cognito:username`) and in AppSync owner fields. */
  readonly cognitoUsername: string;
  readonly status: 'active' | 'revoked';
  readonly pairedAt: string;
}

/** Devices: `TENANT#t`/`DEVICE#d`, found by Cognito username through GSI `byDeviceUser`. */
export class DeviceRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createDevice(device: Device): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `TENANT#${device.tenantId}`,
          sk: `DEVICE#${device.deviceId}`,
          gsi1pk: `DEVICEUSER#${device.cognitoUsername}`,
          gsi1sk: `DEVICE#${device.deviceId}`,
          type: 'device',
          ...device,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
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
    if (!item) return undefined;
    return {
      tenantId: item.tenantId,
      facilityId: item.facilityId,
      deviceId: item.deviceId,
      cognitoUsername: item.cognitoUsername,
      status: item.status,
      pairedAt: item.pairedAt,
    };
  }
}
