import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAllItems } from '../aws/dynamodb-query';

/** 未提出 (`not-submitted`) or 提出済 (`submitted`), as the operator marks it. */
export type SubmissionStatus = 'not-submitted' | 'submitted';

export interface PeriodicReportSubmission {
  readonly facilityId: string;
  readonly periodId: string;
  readonly status: SubmissionStatus;
  /** Cognito `sub` of the operator who last changed the status. */
  readonly changedBy: string;
  readonly changedAt: string;
}

/**
 * Submission marks of the 定期報告 (`TENANT#t`/`REPORT#<facilityId>#<periodId>`) and markers of
 * mail already sent by the scheduled jobs (`TENANT#t`/`NOTICE#<key>`), in the Register table.
 * A report without a mark is 未提出.
 */
export class PeriodicReportStatusRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async setStatus(tenantId: string, submission: PeriodicReportSubmission): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `TENANT#${tenantId}`,
          sk: reportSortKey(submission.facilityId, submission.periodId),
          type: 'periodic-report',
          ...submission,
        },
      }),
    );
  }

  /** Marks of one facility, keyed by period id. */
  async listForFacility(tenantId: string, facilityId: string): Promise<Map<string, PeriodicReportSubmission>> {
    const marks = new Map<string, PeriodicReportSubmission>();
    const items = queryAllItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}`, ':prefix': `REPORT#${facilityId}#` },
    });
    for await (const item of items) {
      marks.set(item.periodId as string, {
        facilityId: item.facilityId as string,
        periodId: item.periodId as string,
        status: item.status as SubmissionStatus,
        changedBy: item.changedBy as string,
        changedAt: item.changedAt as string,
      });
    }
    return marks;
  }

  async getStatus(tenantId: string, facilityId: string, periodId: string): Promise<SubmissionStatus> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `TENANT#${tenantId}`, sk: reportSortKey(facilityId, periodId) } }),
    );
    return (result.Item?.status as SubmissionStatus | undefined) ?? 'not-submitted';
  }

  /**
   * Records that a notice was sent, once: returns false when `noticeKey` was already recorded,
   * so a retried or repeated scheduled run does not mail twice.
   */
  async claimNotice(tenantId: string, noticeKey: string, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `TENANT#${tenantId}`, sk: `NOTICE#${noticeKey}`, type: 'notice', sentAt: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Forgets a claimed notice whose mail failed, so the next run sends it. */
  async releaseNotice(tenantId: string, noticeKey: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: `TENANT#${tenantId}`, sk: `NOTICE#${noticeKey}` } }),
    );
  }
}

function reportSortKey(facilityId: string, periodId: string): string {
  return `REPORT#${facilityId}#${periodId}`;
}
