import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';

/** Why guest data was deleted: the 3-year retention ended, or the tenant was offboarded. */
export const deletionActions = ['retention-purge', 'tenant-offboarding'] as const;
export type DeletionAction = (typeof deletionActions)[number];

/** Steps of an offboarding that each write a record, in `details.phase`. */
export const offboardingPhases = ['started', 'resumed', 'completed'] as const;
export type OffboardingPhase = (typeof offboardingPhases)[number];

export interface DeletionRecord {
  readonly tenantId: string;
  readonly action: DeletionAction;
  /**
   * Who deleted: `system:retention-job` for the scheduled job, or `platform:<name>` for the
   * platform operator who ran offboarding.
   */
  readonly actor: string;
  /** Register entries deleted, with their images; offboarding lists none and gives counts instead. */
  readonly entryIds: readonly string[];
  /** Facts of the deletion, ids and counts only: never guest data. */
  readonly details: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Deletions of guest data in the Audit table, beside the PII access records: `TENANT#t` /
 * `<ISO time>#<auditId>` with `category: 'data-deletion'`. Tenant offboarding keeps the Audit
 * table, and its resource policy denies every change, so these records outlive the data.
 */
export class DeletionAuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes the record under the condition that its key is unused, so no record is overwritten. */
  async record(record: DeletionRecord, at: Date): Promise<void> {
    const auditId = randomUUID();
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `TENANT#${record.tenantId}`,
          sk: `${at.toISOString()}#${auditId}`,
          auditId,
          at: at.toISOString(),
          category: 'data-deletion',
          ...record,
          entryIds: [...record.entryIds],
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}
