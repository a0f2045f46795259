import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PiiDisclosure } from './audit-log';

/**
 * `queued` from the request until the worker claims the job, `running` while it writes the file,
 * then `done` or `failed`.
 */
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

/** File formats of the register export: CSV for spreadsheets, PDF for printing. */
export const registerExportFormats = ['csv', 'pdf'] as const;
export type RegisterExportFormat = (typeof registerExportFormats)[number];

/** Sort key prefix of export jobs; the worker's stream filter matches INSERTs with it. */
export const exportJobSortKeyPrefix = 'EXPORT#';

/** A register export, `TENANT#t`/`EXPORT#<exportId>` in the Register table. */
export interface RegisterExportJob {
  readonly exportId: string;
  readonly tenantId: string;
  readonly facilityId: string;
  readonly from: string;
  readonly to: string;
  readonly format: RegisterExportFormat;
  /** Cognito `sub` of the operator who requested it; the audit records name this user. */
  readonly userId: string;
  /** API Gateway request id of the request that queued it, copied into the audit records. */
  readonly requestId?: string;
  /** Disclosure the requesting operator was allowed when the job was queued. */
  readonly disclosure: PiiDisclosure;
  /** PDF only: the facility's name and licence number, printed in the page header. */
  readonly facility?: { readonly name: string; readonly licenceNumber: string };
  readonly status: ExportStatus;
  /** Set when the worker starts; absent while the job is queued. */
  readonly totalEntries?: number;
  readonly processedEntries: number;
  readonly rowCount?: number;
  /** PDF only: pages written. */
  readonly pageCount?: number;
  /** S3 key of the finished file. */
  readonly objectKey?: string;
  /** Reason a failed job failed, as `日本語 / English`, for the operator. */
  readonly failureMessage?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type QueuedExportJob = Omit<
  RegisterExportJob,
  'status' | 'totalEntries' | 'processedEntries' | 'rowCount' | 'pageCount' | 'objectKey' | 'failureMessage' | 'createdAt' | 'updatedAt'
>;

/** Message admin-web shows for a failed export. The cause stays in the log, which has no PII. */
export const exportFailureMessage =
  'エクスポートに失敗しました。もう一度エクスポートしてください / The export failed: start the export again';

/** Jobs are kept for a day, as long as the exported file, then DynamoDB TTL deletes them. */
const jobLifetimeSeconds = 24 * 60 * 60;

/**
 * Minutes after its last update that a running job counts as failed. The worker's timeout is
 * 15 minutes and it updates the job after every page, so a running job this old lost its worker
 * to a timeout or a crash.
 */
export const abandonedJobMinutes = 16;

export class RegisterExportJobs {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new queued job; fails with ConditionalCheckFailedException when the id exists. */
  async enqueue(job: QueuedExportJob, at: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `TENANT#${job.tenantId}`,
          sk: `${exportJobSortKeyPrefix}${job.exportId}`,
          type: 'register-export',
          ...job,
          status: 'queued',
          processedEntries: 0,
          createdAt: at.toISOString(),
          updatedAt: at.toISOString(),
          expiresAt: Math.floor(at.getTime() / 1000) + jobLifetimeSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /**
   * Moves a queued job to running and returns true, or returns false when the job is missing or
   * no longer queued, so a re-delivered stream record does not run the export twice.
   */
  async claim(tenantId: string, exportId: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(tenantId, exportId),
          UpdateExpression: 'SET #status = :running, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #status = :queued',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued', ':now': new Date().toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async recordTotal(tenantId: string, exportId: string, totalEntries: number): Promise<void> {
    await this.update(tenantId, exportId, { totalEntries });
  }

  async recordProgress(tenantId: string, exportId: string, processedEntries: number): Promise<void> {
    await this.update(tenantId, exportId, { processedEntries });
  }

  async finish(
    tenantId: string,
    exportId: string,
    result: { rowCount: number; objectKey: string; processedEntries: number; pageCount?: number },
  ): Promise<void> {
    await this.update(tenantId, exportId, { ...result, status: 'done' });
  }

  async fail(tenantId: string, exportId: string, failureMessage: string): Promise<void> {
    await this.update(tenantId, exportId, { status: 'failed', failureMessage });
  }

  async get(tenantId: string, exportId: string): Promise<RegisterExportJob | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: this.key(tenantId, exportId), ConsistentRead: true }));
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, ...job } = result.Item;
    return job as RegisterExportJob;
  }

  private key(tenantId: string, exportId: string): { pk: string; sk: string } {
    return { pk: `TENANT#${tenantId}`, sk: `${exportJobSortKeyPrefix}${exportId}` };
  }

  private async update(tenantId: string, exportId: string, values: Record<string, unknown>): Promise<void> {
    const entries = Object.entries({ ...values, updatedAt: new Date().toISOString() }).filter(([, value]) => value !== undefined);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(tenantId, exportId),
        UpdateExpression: `SET ${entries.map((_, index) => `#n${index} = :v${index}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#n${index}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:v${index}`, value])),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }
}

/** Status the API reports: a running job without an update for `abandonedJobMinutes` is failed. */
export function reportedStatus(job: Pick<RegisterExportJob, 'status' | 'updatedAt'>, now: Date): ExportStatus {
  const abandoned = job.status === 'running' && now.getTime() - Date.parse(job.updatedAt) > abandonedJobMinutes * 60_000;
  return abandoned ? 'failed' : job.status;
}
