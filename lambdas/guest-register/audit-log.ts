import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';

export type AuditAction = 'view' | 'export' | 'print';

export interface AuditRecord {
  readonly tenantId: string;
  /** Cognito `sub` of the operator. */
  readonly userId: string;
  readonly action: AuditAction;
  readonly entryIds: readonly string[];
  /** What was decrypted, for example `register-list`, `register-entry` or `guest-image`. */
  readonly resource: string;
  readonly requestId?: string;
}

/** Append-only log of PII access: `TENANT#t` / `<ISO time>#<auditId>` in the Audit table. */
export class AuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes the record before the caller decrypts, so an access without a record cannot happen. */
  async record(record: AuditRecord, at = new Date()): Promise<void> {
    const auditId = randomUUID();
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `TENANT#${record.tenantId}`,
          sk: `${at.toISOString()}#${auditId}`,
          auditId,
          at: at.toISOString(),
          ...record,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}
