import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';

export type AuditAction = 'view' | 'export' | 'print' | 'correct';

export interface AuditRecord {
  readonly tenantId: string;
  /** Cognito `sub` of the operator. */
  readonly userId: string;
  readonly action: AuditAction;
  readonly entryIds: readonly string[];
  /** What was decrypted, for example `register-list`, `register-entry` or `guest-image`. */
  readonly resource: string;
  readonly requestId?: string;
  /** For `correct`: the operator's reason and each changed field's value before the change. */
  readonly correction?: RegisterCorrectionTrail;
}

/**
 * What a correction changed. Guest PII fields keep their original ciphertext, still encrypted
 * under the entry's tenant data key, so the audit trail contains no plaintext guest data.
 */
export interface RegisterCorrectionTrail {
  readonly reason: string;
  /** Revision of the entry before the correction; the first stored version is 0. */
  readonly fromRevision: number;
  /** Changed field paths, e.g. `guests/g1/address` or `checkedOutAt`, with their previous values. */
  readonly original: Readonly<Record<string, unknown>>;
}

/** Append-only log of PII access: `TENANT#t` / `<ISO time>#<auditId>` in the Audit table. */
export class AuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes the record before the caller decrypts, so an access without a record cannot happen. */
  async record(record: AuditRecord, at = new Date()): Promise<void> {
    await this.client.send(new PutCommand(this.putInput(record, at)));
  }

  /** Builds the Put of one record, for a transaction that writes it together with the change it logs. */
  putInput(record: AuditRecord, at = new Date()) {
    const auditId = randomUUID();
    return {
      TableName: this.tableName,
      Item: {
        pk: `TENANT#${record.tenantId}`,
        sk: `${at.toISOString()}#${auditId}`,
        auditId,
        at: at.toISOString(),
        ...record,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  }
}
