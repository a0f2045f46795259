import type { S3Client } from '@aws-sdk/client-s3';
import type { CheckInTable } from '../check-in/check-in-table';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeletionAuditLog } from './deletion-audit';
import { deleteImagesUnder, deleteRegisterItems, type RegisterItemKey } from './register-deletion';
import { retentionYears } from './register-entry';

export interface RegisterRetentionDependencies {
  readonly documents: DynamoDBDocumentClient;
  readonly registerTable: string;
  readonly s3: S3Client;
  readonly imagesBucket: string;
  readonly audit: DeletionAuditLog;
  /** The AppSync CheckIn table, whose records of the purged entries go too. */
  readonly checkInTable: CheckInTable;
}

export interface RetentionOutcome {
  readonly deletedEntries: number;
  readonly deletedImages: number;
  /**
   * Check-in idempotency items deleted together with their entries. Each one's record in the
   * CheckIn table is deleted too, where it has not expired by TTL yet.
   */
  readonly deletedCheckInItems: number;
  readonly tenants: number;
  /** False when the run stopped early because `shouldStop` returned true; the next run resumes. */
  readonly complete: boolean;
}

/** Actor that the audit records of a retention purge name. */
export const retentionJobActor = 'system:retention-job';

/**
 * Deletes every register entry whose retention ended (`expiresAt` ≤ `now`: 3 years after
 * creation, 住宅宿泊事業法 施行規則 第7条), its images under `register/<tenantId>/<entryId>/`, its
 * check-in idempotency item and the check-in's record in the CheckIn table. For each tenant it
 * writes the audit record first, then deletes the images and check-in records, then the items,
 * so a run that fails halfway leaves entries that the next run finds again. DynamoDB TTL and the S3 lifecycle rule delete the same data later if this job misses it.
 *
 * Monthly data keys are left to TTL: each expires after the last entry of its month.
 * NOTE: the job scans the whole Register table once a day, which costs read capacity in
 * proportion to the table size. A run that reaches `shouldStop` ends early and the next run
 * continues, because everything already deleted is gone from the scan.
 */
export async function purgeExpiredRegisterData(
  deps: RegisterRetentionDependencies,
  now: Date,
  shouldStop: () => boolean = () => false,
): Promise<RetentionOutcome> {
  const tenants = new Set<string>();
  let deletedEntries = 0;
  let deletedImages = 0;
  let deletedCheckInItems = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    if (shouldStop()) return { deletedEntries, deletedImages, deletedCheckInItems, tenants: tenants.size, complete: false };
    const page = await deps.documents.send(
      new ScanCommand({
        TableName: deps.registerTable,
        FilterExpression: 'expiresAt <= :now AND (begins_with(sk, :entry) OR begins_with(sk, :checkIn))',
        ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000), ':entry': 'ENTRY#', ':checkIn': 'CHECKIN#' },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const [tenantId, keys] of groupByTenant((page.Items ?? []) as RegisterItemKey[])) {
      tenants.add(tenantId);
      const entryIds = keys.filter((key) => key.sk.startsWith('ENTRY#')).map((key) => key.sk.slice('ENTRY#'.length));
      if (entryIds.length > 0) {
        await deps.audit.record(
          {
            tenantId,
            action: 'retention-purge',
            actor: retentionJobActor,
            entryIds,
            details: { expiredBy: now.toISOString(), retentionYears },
          },
          now,
        );
      }
      for (const entryId of entryIds) {
        deletedImages += await deleteImagesUnder(deps.s3, deps.imagesBucket, `register/${tenantId}/${entryId}/`);
      }
      // The ingest TTL normally removed these records years ago; DynamoDB Local runs no TTL.
      const checkInIds = keys.filter((key) => key.sk.startsWith('CHECKIN#')).map((key) => key.sk.slice('CHECKIN#'.length));
      await deps.checkInTable.deleteRecords(checkInIds);
      await deleteRegisterItems(deps.documents, deps.registerTable, keys);
      deletedEntries += entryIds.length;
      deletedCheckInItems += keys.length - entryIds.length;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { deletedEntries, deletedImages, deletedCheckInItems, tenants: tenants.size, complete: true };
}

/** Groups item keys by the tenant of their partition `TENANT#<tenantId>`. */
function groupByTenant(keys: readonly RegisterItemKey[]): Map<string, RegisterItemKey[]> {
  const groups = new Map<string, RegisterItemKey[]>();
  for (const key of keys) {
    const tenantId = key.pk.slice('TENANT#'.length);
    const group = groups.get(tenantId) ?? [];
    group.push(key);
    groups.set(tenantId, group);
  }
  return groups;
}
