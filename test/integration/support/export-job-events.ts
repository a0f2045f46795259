import type { DynamoDBStreamEvent } from 'aws-lambda';

/**
 * The event that the export worker's stream mapping delivers when an export job is queued: one
 * INSERT record of the keys-only Register stream.
 */
export function exportJobInsertEvent(tenantId: string, exportId: string): DynamoDBStreamEvent {
  return {
    Records: [
      {
        eventID: `insert-${exportId}`,
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'ap-northeast-1',
        dynamodb: {
          Keys: { pk: { S: `TENANT#${tenantId}` }, sk: { S: `EXPORT#${exportId}` } },
          SequenceNumber: '100000000000000000001',
          SizeBytes: 90,
          StreamViewType: 'KEYS_ONLY',
        },
        eventSourceARN: 'arn:aws:dynamodb:ap-northeast-1:000000000000:table/Register/stream/2026-01-01T00:00:00.000',
      },
    ],
  };
}
