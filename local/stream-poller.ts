import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { localCredentials } from './cognito';
import { localRegion } from './ports';

/** Settings of the synthesized AWS::Lambda::EventSourceMapping that the poller imitates. */
export interface EventSourceMappingSettings {
  /** Records per invocation; Lambda's default for DynamoDB streams is 100. */
  readonly batchSize: number;
  /** `FunctionResponseTypes` contains `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
  /** Retries of a failing batch before it is dropped; -1 retries until stopped, like Lambda's default. */
  readonly maximumRetryAttempts: number;
  /** Parsed `FilterCriteria.Filters[].Pattern`; a record is delivered when any pattern matches. */
  readonly filterPatterns: readonly unknown[];
}

export interface StreamPollerOptions extends EventSourceMappingSettings {
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly invoke: (event: { Records: unknown[] }) => Promise<unknown>;
  readonly log: (line: string) => void;
  /** Pause between polls of an idle shard; Lambda polls each shard about four times a second. */
  readonly pollIntervalMs?: number;
}

export interface StreamPoller {
  /** Number of records handed to the function so far, retries included. */
  deliveredRecordCount(): number;
  stop(): Promise<void>;
}

const retryDelayMs = (attempt: number) => Math.min(200 * 2 ** attempt, 5_000);

/**
 * Polls the DynamoDB Local stream of a table and invokes a function with DynamoDB stream events
 * the way a Lambda event source mapping does: shards in parent-before-child order, batches of
 * at most `batchSize` filtered records, a failed batch retried from the start, and with
 * `ReportBatchItemFailures` retried from the first failed record. A batch that still fails
 * after `maximumRetryAttempts` is logged by sequence number and skipped.
 * NOTE: it starts at TRIM_HORIZON whatever StartingPosition says, because it starts together
 * with the freshly created table; it does not bisect batches (BisectBatchOnFunctionError).
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const clientConfig = { endpoint: options.dynamoEndpoint, region: localRegion, credentials: localCredentials };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamo.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream; enable one in its CDK definition.`);

  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const finishedShards = new Set<string>();
  const iterators = new Map<string, string>();
  /** Last sequence number handed to the function per shard, to resume after a lost iterator. */
  const lastSequenceNumbers = new Map<string, string>();
  let delivered = 0;
  let stopped = false;

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }));
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  async function deliver(records: StreamRecord[]): Promise<void> {
    let pending = records;
    for (let attempt = 0; pending.length > 0 && !stopped; attempt++) {
      const event = { Records: pending.map((record) => toLambdaRecord(record, streamArn!)) };
      delivered += pending.length;
      let failedFrom: number;
      try {
        const result = await options.invoke(event);
        failedFrom = options.reportBatchItemFailures ? firstFailedIndex(result, pending) : pending.length;
      } catch (error) {
        options.log(`Stream poller: ${options.tableName} batch of ${pending.length} failed: ${String(error)}`);
        failedFrom = 0;
      }
      pending = pending.slice(failedFrom);
      if (pending.length === 0) return;
      if (options.maximumRetryAttempts >= 0 && attempt >= options.maximumRetryAttempts) {
        const sequenceNumbers = pending.map((record) => record.dynamodb?.SequenceNumber).join(', ');
        options.log(`Stream poller: ${options.tableName} dropped records ${sequenceNumbers} after ${attempt + 1} attempts.`);
        return;
      }
      await sleep(retryDelayMs(attempt));
    }
  }

  async function pollShard(shardId: string): Promise<boolean> {
    const iterator = iterators.get(shardId);
    if (!iterator) return false;
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize }));
    const records = (page.Records ?? []).filter((record) =>
      options.filterPatterns.length === 0 ||
      options.filterPatterns.some((pattern) => matchesFilterPattern(toLambdaRecord(record, streamArn!), pattern)),
    );
    if (records.length > 0) await deliver(records);
    const lastSequenceNumber = page.Records?.at(-1)?.dynamodb?.SequenceNumber;
    if (lastSequenceNumber) lastSequenceNumbers.set(shardId, lastSequenceNumber);
    if (page.NextShardIterator) iterators.set(shardId, page.NextShardIterator);
    else {
      iterators.delete(shardId);
      finishedShards.add(shardId);
    }
    return (page.Records ?? []).length > 0;
  }

  async function startIterator(shardId: string): Promise<void> {
    const after = lastSequenceNumbers.get(shardId);
    const started = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' as const }),
      }),
    );
    if (started.ShardIterator) iterators.set(shardId, started.ShardIterator);
  }

  const loop = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        for (const shard of await listShards()) {
          const shardId = shard.ShardId!;
          if (finishedShards.has(shardId) || iterators.has(shardId)) continue;
          const parentPending = shard.ParentShardId && !finishedShards.has(shard.ParentShardId) && iterators.has(shard.ParentShardId);
          if (parentPending) continue;
          await startIterator(shardId);
        }
        for (const shardId of [...iterators.keys()]) {
          if (stopped) break;
          try {
            busy = (await pollShard(shardId)) || busy;
          } catch (error) {
            if (!isLostIterator(error)) throw error;
            // DynamoDB Local invalidates iterators: TrimmedDataAccessException after a quiet
            // spell, ExpiredIteratorException after 15 minutes. Like Lambda's poller, this one
            // then requests a new iterator after the last record it processed.
            iterators.delete(shardId);
            await startIterator(shardId);
          }
        }
      } catch (error) {
        if (!stopped) options.log(`Stream poller: polling ${options.tableName} failed, retrying: ${String(error)}`);
      }
      if (!busy) await sleep(pollIntervalMs);
    }
  })();

  return {
    deliveredRecordCount: () => delivered,
    async stop() {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
}

/**
 * Index of the first record to retry after a ReportBatchItemFailures response, as Lambda reads
 * it: no failures means none; an unknown or empty itemIdentifier fails the whole batch.
 */
function firstFailedIndex(result: unknown, records: readonly StreamRecord[]): number {
  const failures = (result as { batchItemFailures?: { itemIdentifier?: string }[] } | null)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return records.length;
  let first = records.length;
  for (const failure of failures) {
    const index = records.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier);
    if (index < 0) return 0;
    first = Math.min(first, index);
  }
  return first;
}

/** The stream record as a Lambda DynamoDB event carries it (creation time in epoch seconds). */
function toLambdaRecord(record: StreamRecord, streamArn: string): Record<string, unknown> {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion ?? localRegion,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : created,
    },
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

/**
 * Matches a value against a Lambda event filter pattern: nested objects match field by field,
 * and a list matches when the value equals one item or satisfies one of the operators
 * `exists`, `prefix`, `anything-but` and `equals-ignore-case`.
 */
export function matchesFilterPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((rule) => matchesRule(value, rule));
  if (pattern === null || typeof pattern !== 'object') return value === pattern;
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return Object.entries(pattern as Record<string, unknown>).every(([key, nested]) => matchesFilterPattern(record[key], nested));
}

function matchesRule(value: unknown, rule: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return value === rule;
  const [operator, argument] = Object.entries(rule as Record<string, unknown>)[0] ?? [];
  switch (operator) {
    case 'exists':
      return (value !== undefined) === argument;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(String(argument));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(argument).toLowerCase();
    case 'anything-but':
      return value !== undefined && !(Array.isArray(argument) ? argument : [argument]).includes(value);
    default:
      throw new Error(`Event filter operator ${operator} is not supported locally.`);
  }
}

function isLostIterator(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TrimmedDataAccessException' || name === 'ExpiredIteratorException';
}
