import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A tenant's audit records of deleted guest data (`category: 'data-deletion'`), oldest first. */
export async function deletionRecords(documents: DynamoDBDocumentClient, tenantId: string): Promise<Record<string, unknown>[]> {
  const result = await documents.send(
    new QueryCommand({
      TableName: 'Audit',
      KeyConditionExpression: 'pk = :tenant',
      FilterExpression: 'category = :category',
      ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}`, ':category': 'data-deletion' },
    }),
  );
  return result.Items ?? [];
}
