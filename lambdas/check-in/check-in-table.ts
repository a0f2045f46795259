import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkInDaysAfterIngest, checkInTtlAttribute } from './check-in-expiry';
import { ownerUsername } from './check-in-record';

/** DynamoDB BatchWriteItem takes at most 25 requests. */
const batchWriteLimit = 25;

/**
 * The AppSync CheckIn table (DataStore's model table), written outside AppSync. Only `_ttl` is
 * set and whole records are deleted: `_version` and the model's fields stay as DataStore's
 * conflict detection last saw them.
 */
export class CheckInTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Reads one record as AppSync stored it, with a strongly consistent read. Returns undefined when there is none. */
  async getItem(checkInId: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { id: checkInId }, ConsistentRead: true }));
    return result.Item;
  }

  /**
   * Sets the record's TTL to `checkInDaysAfterIngest` days after `now`, once its register entry
   * is stored. A record that is gone or already has a TTL (set by an earlier ingest, or by
   * AppSync on deletion) is left as it is. Returns whether the TTL was set.
   */
  async expireAfterIngest(checkInId: string, now: Date): Promise<boolean> {
    const expiresAt = Math.floor(now.getTime() / 1000) + checkInDaysAfterIngest * 86_400;
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: checkInId },
          UpdateExpression: 'SET #ttl = :expiresAt',
          ConditionExpression: 'attribute_exists(id) AND attribute_not_exists(#ttl)',
          ExpressionAttributeNames: { '#ttl': checkInTtlAttribute },
          ExpressionAttributeValues: { ':expiresAt': expiresAt },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Deletes check-in records by id, 25 per batch; an id without a record is no error. */
  async deleteRecords(checkInIds: readonly string[]): Promise<void> {
    for (let index = 0; index < checkInIds.length; index += batchWriteLimit) {
      let requests = checkInIds.slice(index, index + batchWriteLimit).map((id) => ({ DeleteRequest: { Key: { id } } }));
      while (requests.length > 0) {
        const result = await this.documents.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  /**
   * Deletes every record owned by one of the given kiosk devices (Cognito usernames), ingested
   * or not, and returns how many it deleted. It scans the whole table, reading only `id` and
   * `owner`, because the table has no index by owner.
   */
  async deleteRecordsOfDevices(cognitoUsernames: readonly string[]): Promise<number> {
    const usernames = new Set(cognitoUsernames);
    if (usernames.size === 0) return 0;
    const ids: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new ScanCommand({
          TableName: this.tableName,
          ProjectionExpression: 'id, #owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (typeof item.owner === 'string' && usernames.has(ownerUsername(item.owner))) ids.push(item.id as string);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    await this.deleteRecords(ids);
    return ids.length;
  }
}
