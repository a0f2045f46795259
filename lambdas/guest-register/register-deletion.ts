import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Table key of a Register item. */
export interface RegisterItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** DynamoDB BatchWriteItem takes at most 25 requests. */
const batchWriteLimit = 25;

/** Deletes Register items by key, 25 per batch, retrying the items DynamoDB left unprocessed. */
export async function deleteRegisterItems(
  documents: DynamoDBDocumentClient,
  registerTable: string,
  keys: readonly RegisterItemKey[],
): Promise<void> {
  for (let index = 0; index < keys.length; index += batchWriteLimit) {
    let requests = keys.slice(index, index + batchWriteLimit).map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    while (requests.length > 0) {
      const result = await documents.send(new BatchWriteCommand({ RequestItems: { [registerTable]: requests } }));
      requests = (result.UnprocessedItems?.[registerTable] ?? []) as typeof requests;
    }
  }
}

/** Deletes every object under a key prefix of the images bucket; returns how many it deleted. */
export async function deleteImagesUnder(s3: S3Client, imagesBucket: string, prefix: string): Promise<number> {
  let deleted = 0;
  let continuationToken: string | undefined;
  do {
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: imagesBucket, Prefix: prefix, ContinuationToken: continuationToken }));
    const objects = (listing.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (objects.length > 0) {
      const result = await s3.send(new DeleteObjectsCommand({ Bucket: imagesBucket, Delete: { Objects: objects, Quiet: true } }));
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(`Deleting ${failed.length} images under ${prefix} failed, first ${failed[0].Key}: ${failed[0].Code}.`);
      }
    }
    deleted += objects.length;
    continuationToken = listing.IsTruncated ? listing.NextContinuationToken : undefined;
  } while (continuationToken);
  return deleted;
}
