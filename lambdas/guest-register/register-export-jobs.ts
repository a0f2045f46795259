import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type ExportStatus = 'running' | 'done' | 'failed';

/** File formats of the register export: CSV for spreadsheets, PDF for printing. */
export const registerExportFormats = ['csv', 'pdf'] as const;
export type RegisterExportFormat = (typeof registerExportFormats)[number];

/** A register export in progress or finished, `TENANT#t`/`EXPORT#<exportId>` in the Register table. */
export interface RegisterExportJob {
  readonly exportId: string;
  readonly tenantId: string;
  readonly facilityId: string;
  readonly from: string;
  readonly to: string;
  readonly format: RegisterExportFormat;
  /** Cognito `sub` of the operator who started it. */
  readonly userId: string;
  readonly status: ExportStatus;
  readonly totalEntries: number;
  readonly processedEntries: number;
  readonly rowCount?: number;
  /** S3 key of the finished file. */
  readonly objectKey?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Jobs are kept for a day, as long as the exported file, then DynamoDB TTL deletes them. */
const jobLifetimeSeconds = 24 * 60 * 60;

export class RegisterExportJobs {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new running job; fails with ConditionalCheckFailedException when the id exists. */
  async start(job: Omit<RegisterExportJob, 'status' | 'processedEntries' | 'createdAt' | 'updatedAt'>, at: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `TENANT#${job.tenantId}`,
          sk: `EXPORT#${job.exportId}`,
          type: 'register-export',
          ...job,
          status: 'running',
          processedEntries: 0,
          createdAt: at.toISOString(),
          updatedAt: at.toISOString(),
          expiresAt: Math.floor(at.getTime() / 1000) + jobLifetimeSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async recordProgress(tenantId: string, exportId: string, processedEntries: number): Promise<void> {
    await this.update(tenantId, exportId, { processedEntries });
  }

  async finish(tenantId: string, exportId: string, result: { rowCount: number; objectKey: string; processedEntries: number }): Promise<void> {
    await this.update(tenantId, exportId, { ...result, status: 'done' });
  }

  async fail(tenantId: string, exportId: string): Promise<void> {
    await this.update(tenantId, exportId, { status: 'failed' });
  }

  async get(tenantId: string, exportId: string): Promise<RegisterExportJob | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `TENANT#${tenantId}`, sk: `EXPORT#${exportId}` }, ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, ...job } = result.Item;
    return job as RegisterExportJob;
  }

  private async update(tenantId: string, exportId: string, values: Record<string, unknown>): Promise<void> {
    const entries = Object.entries({ ...values, updatedAt: new Date().toISOString() });
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `TENANT#${tenantId}`, sk: `EXPORT#${exportId}` },
        UpdateExpression: `SET ${entries.map((_, index) => `#n${index} = :v${index}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#n${index}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:v${index}`, value])),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }
}
