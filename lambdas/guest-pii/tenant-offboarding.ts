import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TenantKeyDeletion, TenantKeys } from './tenant-keys';

export interface TenantOffboardingDependencies {
  readonly tenantKeys: TenantKeys;
  readonly documents: DynamoDBDocumentClient;
  readonly registerTable: string;
  readonly s3: S3Client;
  readonly imagesBucket: string;
}

export interface TenantOffboardingResult extends TenantKeyDeletion {
  /** Register items removed from the live table: entries, data keys and the rest. */
  readonly deletedRegisterItems: number;
  readonly deletedImages: number;
}

/** DynamoDB BatchWriteItem takes at most 25 requests. */
const batchWriteLimit = 25;

/**
 * Removes a tenant's guest data for good (crypto-shredding). First the tenant's KMS key is
 * scheduled for deletion, so from that moment no data key of the tenant opens again. When the
 * waiting period ends, KMS destroys the key material, and copies in DynamoDB backups, PITR and
 * S3 versions stay ciphertext forever. Then the live register items and images are deleted.
 * The audit trail and the directory (tenant, users, facilities) hold no guest data and stay.
 */
export async function offboardTenant(
  deps: TenantOffboardingDependencies,
  tenantId: string,
  waitingDays?: number,
): Promise<TenantOffboardingResult> {
  const deletion = await deps.tenantKeys.scheduleDeletion(tenantId, waitingDays);
  const deletedRegisterItems = await deleteRegisterItems(deps, tenantId);
  const deletedImages = await deleteRegisterImages(deps, tenantId);
  return { ...deletion, deletedRegisterItems, deletedImages };
}

async function deleteRegisterItems(deps: TenantOffboardingDependencies, tenantId: string): Promise<number> {
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.documents.send(
      new QueryCommand({
        TableName: deps.registerTable,
        KeyConditionExpression: 'pk = :tenant',
        ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}` },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
      }),
    );
    const keys = (page.Items ?? []).map((item) => ({ pk: item.pk, sk: item.sk }));
    for (let index = 0; index < keys.length; index += batchWriteLimit) {
      let requests = keys.slice(index, index + batchWriteLimit).map((Key) => ({ DeleteRequest: { Key } }));
      while (requests.length > 0) {
        const result = await deps.documents.send(new BatchWriteCommand({ RequestItems: { [deps.registerTable]: requests } }));
        requests = (result.UnprocessedItems?.[deps.registerTable] ?? []) as typeof requests;
      }
    }
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

async function deleteRegisterImages(deps: TenantOffboardingDependencies, tenantId: string): Promise<number> {
  let deleted = 0;
  let continuationToken: string | undefined;
  do {
    const listing = await deps.s3.send(
      new ListObjectsV2Command({ Bucket: deps.imagesBucket, Prefix: `register/${tenantId}/`, ContinuationToken: continuationToken }),
    );
    const keys = (listing.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (keys.length > 0) {
      await deps.s3.send(new DeleteObjectsCommand({ Bucket: deps.imagesBucket, Delete: { Objects: keys, Quiet: true } }));
    }
    deleted += keys.length;
    continuationToken = listing.IsTruncated ? listing.NextContinuationToken : undefined;
  } while (continuationToken);
  return deleted;
}
