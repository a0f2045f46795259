import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OperatorRole } from '../http/caller';

/** An operator company (テナント) and where its notifications go. */
export interface Tenant {
  readonly tenantId: string;
  readonly name: string;
  /** Address that receives check-in notices unless a facility sets its own. */
  readonly contactEmail: string;
  readonly createdAt: string;
}

/** A head-office user; `userId` is the Cognito `sub`. */
export interface OperatorUser {
  readonly tenantId: string;
  readonly userId: string;
  readonly email: string;
  readonly role: OperatorRole;
  readonly displayName?: string;
  readonly createdAt: string;
}

/** Tenants (`TENANT#t`/`PROFILE`) and their users (`TENANT#t`/`USER#<sub>`) in the Directory table. */
export class TenantRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new tenant; fails with ConditionalCheckFailedException when the id exists. */
  async createTenant(input: Omit<Tenant, 'createdAt'>): Promise<Tenant> {
    const tenant: Tenant = { ...input, createdAt: new Date().toISOString() };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `TENANT#${tenant.tenantId}`, sk: 'PROFILE', type: 'tenant', ...tenant },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return tenant;
  }

  async getTenant(tenantId: string): Promise<Tenant | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `TENANT#${tenantId}`, sk: 'PROFILE' } }),
    );
    return result.Item ? toTenant(result.Item) : undefined;
  }

  /** Stores or replaces the Directory record of a Cognito user of the tenant. */
  async putOperatorUser(input: Omit<OperatorUser, 'createdAt'>): Promise<OperatorUser> {
    const user: OperatorUser = { ...input, createdAt: new Date().toISOString() };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `TENANT#${user.tenantId}`, sk: `USER#${user.userId}`, type: 'user', ...user },
      }),
    );
    return user;
  }

  async getOperatorUser(tenantId: string, userId: string): Promise<OperatorUser | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `TENANT#${tenantId}`, sk: `USER#${userId}` } }),
    );
    const item = result.Item;
    if (!item) return undefined;
    return {
      tenantId: item.tenantId,
      userId: item.userId,
      email: item.email,
      role: item.role,
      displayName: item.displayName,
      createdAt: item.createdAt,
    };
  }
}

function toTenant(item: Record<string, unknown>): Tenant {
  return {
    tenantId: item.tenantId as string,
    name: item.name as string,
    contactEmail: item.contactEmail as string,
    createdAt: item.createdAt as string,
  };
}
