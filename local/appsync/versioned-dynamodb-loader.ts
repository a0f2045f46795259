import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AmplifyAppSyncSimulatorDataLoader } from '@aws-amplify/amplify-appsync-simulator/lib/data-loader';
import { DynamoDBDataLoader } from '@aws-amplify/amplify-appsync-simulator/lib/data-loader/dynamo-db';

/**
 * DynamoDB data loader for the AppSync simulator that adds what a versioned AppSync data source
 * (conflict detection, as DataStore needs) does and the simulator's own loader lacks:
 * - PutItem stores `_version` 1 and `_lastChangedAt` (epoch milliseconds).
 * - UpdateItem and DeleteItem succeed only when the request's `_version` equals the stored one,
 *   and bump it. A mismatch fails with errorType `ConflictUnhandled` and the stored item as data.
 * - DeleteItem is a soft delete: the item stays with `_deleted` true and a `_ttl`.
 * - Sync returns the items changed since `lastSync` (all items without it), paged by nextToken.
 * Conflict handling is optimistic concurrency only; AUTOMERGE and Lambda handlers are AppSync's.
 * Non-versioned data sources go to the simulator's own loader unchanged.
 */

/** Data source entry as the local AppSync passes it to the simulator. */
export interface VersionedDynamoDbDataSource {
  readonly name: string;
  readonly type: 'AMAZON_DYNAMODB';
  readonly config: { endpoint: string; region: string; tableName: string };
  /** SDK v3 client options; credentials must be here because SDK v3 ignores `config.accessKeyId`. */
  readonly options: Pick<DynamoDBClientConfig, 'credentials'>;
  readonly versioned: boolean;
  /** Minutes a soft-deleted item stays in the table (the data source's BaseTableTTL). */
  readonly deletedItemTtlMinutes?: number;
}

type AttributeMap = Record<string, AttributeValue>;

interface ConditionPayload {
  expression?: string;
  expressionNames?: Record<string, string>;
  expressionValues?: AttributeMap;
}

interface PutItemPayload {
  operation: 'PutItem';
  key: AttributeMap;
  attributeValues?: AttributeMap;
  condition?: ConditionPayload;
}

interface UpdateItemPayload {
  operation: 'UpdateItem';
  key: AttributeMap;
  update?: ConditionPayload;
  condition?: ConditionPayload;
  _version?: number;
}

interface DeleteItemPayload {
  operation: 'DeleteItem';
  key: AttributeMap;
  condition?: ConditionPayload;
  _version?: number;
}

interface SyncPayload {
  operation: 'Sync';
  filter?: ConditionPayload | null;
  limit?: number;
  lastSync?: number | null;
  nextToken?: string | null;
}

type Payload = PutItemPayload | UpdateItemPayload | DeleteItemPayload | SyncPayload | { operation: string };

/** Error shape the simulator copies into `$ctx.error` (message, type and the extra `data`). */
export class ConflictUnhandledError extends Error {
  readonly type = 'ConflictUnhandled';
  constructor(
    /** The item as stored, so that the client can resolve the conflict. */
    readonly data: Record<string, unknown> | null,
  ) {
    super('Conflict resolver rejects mutation.');
    this.name = 'ConflictUnhandledError';
  }
}

/** Default BaseTableTTL of Amplify's versioned data sources: 30 days, in minutes. */
const defaultDeletedItemTtlMinutes = 43_200;

export class VersionedDynamoDbLoader implements AmplifyAppSyncSimulatorDataLoader {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly plainLoader: AmplifyAppSyncSimulatorDataLoader;

  constructor(private readonly dataSource: VersionedDynamoDbDataSource) {
    this.tableName = dataSource.config.tableName;
    this.client = new DynamoDBClient({ ...dataSource.config, ...dataSource.options });
    this.plainLoader = new DynamoDBDataLoader(dataSource as never);
  }

  async load(payload: Payload): Promise<object | null> {
    if (!this.dataSource.versioned) return this.plainLoader.load(payload);
    try {
      return await this.loadVersioned(payload);
    } catch (error) {
      // The errorType AppSync reports for DynamoDB failures, e.g. on a create of an existing id.
      if (error instanceof Error && !(error instanceof ConflictUnhandledError) && !('type' in error)) {
        Object.assign(error, { type: `DynamoDB:${error.name}` });
      }
      throw error;
    }
  }

  private async loadVersioned(payload: Payload): Promise<object | null> {
    switch (payload.operation) {
      case 'PutItem':
        return this.putItem(payload as PutItemPayload);
      case 'UpdateItem':
        return this.updateItem(payload as UpdateItemPayload);
      case 'DeleteItem':
        return this.softDeleteItem(payload as DeleteItemPayload);
      case 'Sync':
        return this.sync(payload as SyncPayload);
      default:
        return this.plainLoader.load(payload);
    }
  }

  private async putItem(payload: PutItemPayload): Promise<object | null> {
    const { condition = {} } = payload;
    const item: AttributeMap = {
      ...payload.attributeValues,
      ...payload.key,
      _version: { N: '1' },
      _lastChangedAt: { N: String(Date.now()) },
    };
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: nonEmpty(condition.expressionNames),
        ExpressionAttributeValues: nonEmpty(condition.expressionValues),
      }),
    );
    return this.getItem(payload.key);
  }

  private async updateItem(payload: UpdateItemPayload): Promise<object | null> {
    const update = payload.update ?? {};
    const versionAssignments = '#_version = #_version + :_versionIncrement, #_lastChangedAt = :_now';
    const expression = update.expression
      ? addSetAssignments(update.expression, versionAssignments)
      : `SET ${versionAssignments}`;
    return this.writeVersioned(payload.key, payload._version, payload.condition, {
      expression,
      expressionNames: update.expressionNames,
      expressionValues: update.expressionValues,
    });
  }

  private async softDeleteItem(payload: DeleteItemPayload): Promise<object | null> {
    const ttlMinutes = this.dataSource.deletedItemTtlMinutes ?? defaultDeletedItemTtlMinutes;
    return this.writeVersioned(payload.key, payload._version, payload.condition, {
      expression:
        'SET #_deleted = :_deleted, #_ttl = :_ttl, #_version = #_version + :_versionIncrement, #_lastChangedAt = :_now',
      expressionNames: { '#_deleted': '_deleted', '#_ttl': '_ttl' },
      expressionValues: {
        ':_deleted': { BOOL: true },
        ':_ttl': { N: String(Math.floor(Date.now() / 1000) + ttlMinutes * 60) },
      },
    });
  }

  /** Runs an UpdateItem that also checks and bumps `_version`; see the class comment. */
  private async writeVersioned(
    key: AttributeMap,
    expectedVersion: number | undefined,
    condition: ConditionPayload = {},
    update: Required<Pick<ConditionPayload, 'expression'>> & ConditionPayload,
  ): Promise<object | null> {
    const versionCheck = '#_version = :_expectedVersion';
    try {
      const result = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: update.expression,
          ConditionExpression: condition.expression
            ? `${enclose(condition.expression)} AND ${versionCheck}`
            : versionCheck,
          ExpressionAttributeNames: {
            ...condition.expressionNames,
            ...update.expressionNames,
            '#_version': '_version',
            '#_lastChangedAt': '_lastChangedAt',
          },
          ExpressionAttributeValues: {
            ...condition.expressionValues,
            ...update.expressionValues,
            ':_expectedVersion': { N: String(expectedVersion ?? 0) },
            ':_versionIncrement': { N: '1' },
            ':_now': { N: String(Date.now()) },
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? unmarshall(result.Attributes) : null;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.getItem(key);
      if (stored && stored._version !== expectedVersion) throw new ConflictUnhandledError(stored);
      // The version matched, so the template's own condition failed (for example owner auth).
      throw error;
    }
  }

  private async sync(payload: SyncPayload): Promise<object> {
    const page = payload.nextToken ? decodeSyncToken(payload.nextToken) : undefined;
    const startedAt = page?.startedAt ?? Date.now();
    const filter = payload.filter ?? {};
    const clauses: string[] = [];
    const names: Record<string, string> = { ...filter.expressionNames };
    const values: AttributeMap = { ...filter.expressionValues };
    if (filter.expression) clauses.push(filter.expression);
    if (payload.lastSync) {
      // `>=` rather than `>`: an item changed in the same millisecond as the previous Sync
      // started is sent twice rather than lost, and DataStore keeps the higher `_version`.
      clauses.push('#_lastChangedAt >= :_lastSync');
      names['#_lastChangedAt'] = '_lastChangedAt';
      values[':_lastSync'] = { N: String(payload.lastSync) };
    }

    const result = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: payload.limit ?? 100,
        ExclusiveStartKey: page?.lastEvaluatedKey,
        FilterExpression: clauses.length > 1 ? clauses.map(enclose).join(' AND ') : clauses[0],
        ExpressionAttributeNames: nonEmpty(names),
        ExpressionAttributeValues: nonEmpty(values),
        ConsistentRead: true,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => unmarshall(item)),
      nextToken: result.LastEvaluatedKey
        ? encodeSyncToken({ lastEvaluatedKey: result.LastEvaluatedKey, startedAt })
        : null,
      startedAt,
    };
  }

  private async getItem(key: AttributeMap): Promise<Record<string, unknown> | null> {
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item ? unmarshall(result.Item) : null;
  }
}

/**
 * Adds assignments to the SET clause of an update expression, or adds a SET clause when the
 * expression has only REMOVE, ADD or DELETE clauses (each clause may appear only once).
 */
export function addSetAssignments(expression: string, assignments: string): string {
  const setClause = /\bSET\s+/i;
  if (setClause.test(expression)) return expression.replace(setClause, `SET ${assignments}, `);
  return `SET ${assignments} ${expression}`;
}

interface SyncToken {
  lastEvaluatedKey: AttributeMap;
  /** Start of the first page, returned on every page as AppSync does. */
  startedAt: number;
}

function encodeSyncToken(token: SyncToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeSyncToken(nextToken: string): SyncToken {
  try {
    return JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) as SyncToken;
  } catch {
    throw Object.assign(new Error(`Invalid nextToken for Sync: ${nextToken.slice(0, 40)}`), {
      type: 'InvalidNextTokenException',
    });
  }
}

/**
 * Wraps an expression in parentheses unless one pair already encloses all of it, because
 * DynamoDB rejects redundant parentheses.
 */
export function enclose(expression: string): string {
  const trimmed = expression.trim();
  let depth = 0;
  for (let index = 0; index < trimmed.length; index += 1) {
    if (trimmed[index] === '(') depth += 1;
    if (trimmed[index] === ')') depth -= 1;
    if (depth === 0 && index < trimmed.length - 1) return `(${trimmed})`;
  }
  return trimmed.startsWith('(') ? trimmed : `(${trimmed})`;
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value && Object.keys(value).length > 0 ? value : undefined;
}
