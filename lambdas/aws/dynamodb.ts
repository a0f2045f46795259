import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Document client shared by every repository of one Lambda container. The SDK reads
 * `AWS_ENDPOINT_URL_DYNAMODB` itself, which points it at DynamoDB Local.
 */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
