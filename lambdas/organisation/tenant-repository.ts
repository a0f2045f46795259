import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAllWithPrefix } from '../aws/dynamodb-query';
import { writeWithAttached, type Attach, type ConditionCheckItem } from '../aws/transact-write';
import type { OperatorRole } from '../http/caller';
import type { GrantablePermission } from './permissions';

/** An operator company (テナント) and where its notifications go. */
export interface Tenant {
  readonly tenantId: string;
  readonly name: string;
  /** Address that receives check-in notices unless a facility sets its own. */
  readonly contactEmail: string;
  /**
   * Networks (CIDR) from which the tenant's users may use the admin API. Empty means any network,
   * which is the default.
   */
  readonly ipAllowlist: readonly string[];
  readonly createdAt: string;
  /** When platform operators offboarded the tenant; its users lose access from then on. */
  readonly offboardedAt?: string;
}

export type OperatorUserStatus = 'active' | 'disabled';

/** A head-office user; `userId` is the Cognito `sub`. */
export interface OperatorUser {
  readonly tenantId: string;
  readonly userId: string;
  readonly email: string;
  /** The role handlers authorize with; the Cognito group follows it but is not trusted. */
  readonly role: OperatorRole;
  readonly displayName?: string;
  /** Offices (拠点) whose facilities, register and devices the user reaches; owners reach all. */
  readonly officeIds: readonly string[];
  /** Permissions granted on top of the staff role. */
  readonly grants: readonly GrantablePermission[];
  readonly status: OperatorUserStatus;
  /** Whether Cognito had TOTP on for the user when the user last reported it (POST /me/mfa). */
  readonly mfaEnabled?: boolean;
  readonly createdAt: string;
  readonly updatedAt?: string;
}

/** The name screens show for a user: the display name when set, and the email. */
export type OperatorUserName = Pick<OperatorUser, 'email' | 'displayName'>;

/** Keys one BatchGetItem request may read, as DynamoDB limits it. */
const batchGetMaxKeys = 100;

export type NewOperatorUser = Omit<OperatorUser, 'createdAt' | 'updatedAt' | 'officeIds' | 'grants' | 'status'> &
  Partial<Pick<OperatorUser, 'officeIds' | 'grants' | 'status'>>;

/** Tenants (`TENANT#t`/`PROFILE`) and their users (`TENANT#t`/`USER#<sub>`) in the Directory table. */
export class TenantRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new tenant; fails with ConditionalCheckFailedException when the id exists. */
  async createTenant(input: Omit<Tenant, 'createdAt' | 'ipAllowlist'> & { ipAllowlist?: readonly string[] }): Promise<Tenant> {
    const tenant: Tenant = { ipAllowlist: [], ...input, createdAt: new Date().toISOString() };
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

  /** Returns a ConditionCheck that fails once the tenant is marked offboarded. A missing tenant item passes. */
  notOffboardedCheck(tenantId: string): ConditionCheckItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: { pk: `TENANT#${tenantId}`, sk: 'PROFILE' },
        ConditionExpression: 'attribute_not_exists(offboardedAt)',
      },
    };
  }

  /** Marks the tenant offboarded, with the basis and reference of the decision. */
  async markOffboarded(tenantId: string, offboarding: { at: Date; basis: string; reference: string }): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `TENANT#${tenantId}`, sk: 'PROFILE' },
        UpdateExpression: 'SET offboardedAt = :at, offboardingBasis = :basis, offboardingReference = :reference',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': offboarding.at.toISOString(), ':basis': offboarding.basis, ':reference': offboarding.reference },
      }),
    );
  }

  /** Replaces the tenant's IP allowlist; an empty list allows every network. */
  async setIpAllowlist(tenantId: string, ipAllowlist: readonly string[], attach?: Attach<readonly string[]>): Promise<void> {
    const update = {
      TableName: this.tableName,
      Key: { pk: `TENANT#${tenantId}`, sk: 'PROFILE' },
      UpdateExpression: 'SET ipAllowlist = :ipAllowlist',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':ipAllowlist': [...ipAllowlist] },
    };
    await writeWithAttached(this.client, [{ Update: update }], attach?.(ipAllowlist));
  }

  /** Stores or replaces the Directory record of a Cognito user of the tenant. */
  async putOperatorUser(input: NewOperatorUser, attach?: Attach<OperatorUser>): Promise<OperatorUser> {
    const user: OperatorUser = {
      officeIds: [],
      grants: [],
      status: 'active',
      ...input,
      createdAt: new Date().toISOString(),
    };
    const put = { TableName: this.tableName, Item: withoutUndefined({ pk: `TENANT#${user.tenantId}`, sk: `USER#${user.userId}`, type: 'user', ...user }) };
    await writeWithAttached(this.client, [{ Put: put }], attach?.(user));
    return user;
  }

  /** Changes role, offices, grants or status of an existing user. */
  async updateOperatorUser(
    current: OperatorUser,
    changes: Partial<Pick<OperatorUser, 'role' | 'officeIds' | 'grants' | 'status' | 'displayName' | 'mfaEnabled'>>,
    attach?: Attach<OperatorUser>,
    at = new Date(),
  ): Promise<OperatorUser> {
    const updated: OperatorUser = { ...current, ...changes, updatedAt: at.toISOString() };
    const put = {
      TableName: this.tableName,
      Item: withoutUndefined({ pk: `TENANT#${current.tenantId}`, sk: `USER#${current.userId}`, type: 'user', ...updated }),
      ConditionExpression: 'attribute_exists(pk)',
    };
    await writeWithAttached(this.client, [{ Put: put }], attach?.(updated));
    return updated;
  }

  async getOperatorUser(tenantId: string, userId: string): Promise<OperatorUser | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `TENANT#${tenantId}`, sk: `USER#${userId}` } }),
    );
    return result.Item ? toOperatorUser(result.Item) : undefined;
  }

  /**
   * Reads the tenant profile, one of its users and one more Directory item of the tenant in one
   * BatchGetItem, retrying keys that DynamoDB left unprocessed.
   */
  async getTenantUserAnd(
    tenantId: string,
    userId: string,
    otherKey: { pk: string; sk: string },
  ): Promise<{ tenant?: Tenant; user?: OperatorUser; other?: Record<string, unknown> }> {
    const keys = [
      { pk: `TENANT#${tenantId}`, sk: 'PROFILE' },
      { pk: `TENANT#${tenantId}`, sk: `USER#${userId}` },
      otherKey,
    ];
    const items = new Map<string, Record<string, unknown>>();
    let pending: Record<string, unknown>[] = keys;
    while (pending.length > 0) {
      const result = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }));
      for (const item of result.Responses?.[this.tableName] ?? []) items.set(`${item.pk}|${item.sk}`, item);
      pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    const itemOf = (key: { pk: string; sk: string }) => items.get(`${key.pk}|${key.sk}`);
    const tenant = itemOf(keys[0]);
    const user = itemOf(keys[1]);
    return { tenant: tenant && toTenant(tenant), user: user && toOperatorUser(user), other: itemOf(otherKey) };
  }

  /**
   * Reads the name and email of each user id of a tenant with BatchGetItem, 100 keys a request,
   * retrying keys that DynamoDB left unprocessed. An id without a Directory record (a deleted
   * user, or none of this tenant) is missing from the map.
   */
  async getUserNames(tenantId: string, userIds: readonly string[]): Promise<Map<string, OperatorUserName>> {
    const names = new Map<string, OperatorUserName>();
    const uniqueIds = [...new Set(userIds)];
    for (let start = 0; start < uniqueIds.length; start += batchGetMaxKeys) {
      let pending: Record<string, unknown>[] = uniqueIds
        .slice(start, start + batchGetMaxKeys)
        .map((userId) => ({ pk: `TENANT#${tenantId}`, sk: `USER#${userId}` }));
      while (pending.length > 0) {
        const result = await this.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: pending,
                ProjectionExpression: 'userId, email, displayName',
              },
            },
          }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          names.set(item.userId as string, { email: item.email as string, displayName: item.displayName as string | undefined });
        }
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return names;
  }

  async listOperatorUsers(tenantId: string): Promise<OperatorUser[]> {
    const items = await queryAllWithPrefix(this.client, this.tableName, `TENANT#${tenantId}`, 'USER#');
    return items.map(toOperatorUser);
  }

}

function withoutUndefined<T extends Record<string, unknown>>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as T;
}

function toTenant(item: Record<string, unknown>): Tenant {
  return {
    tenantId: item.tenantId as string,
    name: item.name as string,
    contactEmail: item.contactEmail as string,
    ipAllowlist: (item.ipAllowlist as string[] | undefined) ?? [],
    createdAt: item.createdAt as string,
    offboardedAt: item.offboardedAt as string | undefined,
  };
}

function toOperatorUser(item: Record<string, unknown>): OperatorUser {
  return {
    tenantId: item.tenantId as string,
    userId: item.userId as string,
    email: item.email as string,
    role: item.role as OperatorRole,
    displayName: item.displayName as string | undefined,
    officeIds: (item.officeIds as string[] | undefined) ?? [],
    grants: (item.grants as GrantablePermission[] | undefined) ?? [],
    status: (item.status as OperatorUserStatus | undefined) ?? 'active',
    mfaEnabled: item.mfaEnabled as boolean | undefined,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string | undefined,
  };
}
