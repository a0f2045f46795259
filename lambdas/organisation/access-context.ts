import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiEvent } from '../http/api-handler';
import { operatorCaller, type OperatorRole } from '../http/caller';
import { ForbiddenError, MfaRequiredError, NetworkNotAllowedError, NotFoundError, UserDisabledError } from '../http/domain-errors';
import { isAllowedSource } from './ip-allowlist';
import type { MfaStatusSource } from './mfa-status';
import { seesAllOffices, type Permission } from './permissions';
import { facilityKey, toFacility, type Facility } from '../facility/facility-repository';
import { TenantRepository, type OperatorUser, type Tenant } from './tenant-repository';

/**
 * Access of the signed-in head-office user, read fresh from the Directory table on every
 * request: a role change, an office change or disabling takes effect on the next request, not
 * when the Cognito token expires. Only the tenant and the user id come from the token.
 */
export interface OperatorAccess {
  readonly tenantId: string;
  readonly userId: string;
  readonly email: string;
  readonly displayName?: string;
  readonly role: OperatorRole;
  readonly grants: readonly Permission[];
  /** Offices the user belongs to; ignored when `allOffices` is set. */
  readonly officeIds: readonly string[];
  /** Owners reach every office of the tenant, including facilities without an office. */
  readonly allOffices: boolean;
  /** Whether this stage requires the user to turn on two-step verification first. */
  readonly mfaSetupRequired: boolean;
  /**
   * Whether the user signs in with TOTP: read from Cognito when the stage requires it of the
   * user's role, otherwise the `mfaEnabled` flag of the Directory record.
   */
  readonly mfaEnabled: boolean;
}

/** Whether a role must use two-step verification on a stage: owners in prod. */
export function requiresMfa(role: OperatorRole, stage: string | undefined): boolean {
  return role === 'owner' && stage === 'prod';
}

/** Builds the OperatorAccess of a request; handlers create one per container. */
export class OperatorAccessResolver {
  private readonly tenants: TenantRepository;

  constructor(
    client: DynamoDBDocumentClient,
    directoryTable: string,
    private readonly mfaStatus: MfaStatusSource,
  ) {
    this.tenants = new TenantRepository(client, directoryTable);
  }

  /**
   * Verifies that the caller is an active user of the token's tenant and that the request comes
   * from a network the tenant allows. Raises 401 without claims, 403 otherwise: `user_disabled`
   * for a disabled user, whose token may still be valid. In prod an owner without two-step
   * verification in Cognito gets 403 `mfa_required`, except on the routes that set it up
   * (`allowWithoutMfa`).
   */
  async resolve(event: ApiEvent, options: { allowWithoutMfa?: boolean } = {}): Promise<OperatorAccess> {
    const caller = operatorCaller(event);
    const [tenant, user] = await Promise.all([
      this.tenants.getTenant(caller.tenantId),
      this.tenants.getOperatorUser(caller.tenantId, caller.userId),
    ]);
    return this.verify(event, tenant, user, options);
  }

  /**
   * Like `resolve`, and also reads one facility of the caller's tenant, all in one BatchGetItem.
   * The facility is returned as stored; the caller still checks its office.
   */
  async resolveWithFacility(event: ApiEvent, facilityId: string): Promise<{ access: OperatorAccess; facility?: Facility }> {
    const caller = operatorCaller(event);
    const { tenant, user, other } = await this.tenants.getTenantUserAnd(caller.tenantId, caller.userId, facilityKey(caller.tenantId, facilityId));
    return { access: await this.verify(event, tenant, user, {}), facility: other && toFacility(other) };
  }

  private async verify(
    event: ApiEvent,
    tenant: Tenant | undefined,
    user: OperatorUser | undefined,
    options: { allowWithoutMfa?: boolean },
  ): Promise<OperatorAccess> {
    if (!tenant || !user) {
      throw new ForbiddenError(
        'この事業者の利用者として登録されていません。オーナーに招待を依頼してください / you are not a user of this operator: ask the owner to invite you',
      );
    }
    if (tenant.offboardedAt !== undefined) {
      throw new ForbiddenError('この事業者の契約は終了しています / this operator has been offboarded: its contract has ended');
    }
    if (user.status === 'disabled') {
      throw new UserDisabledError(
        'このアカウントは無効にされています。必要ならオーナーに有効化を依頼してください / this account is disabled: ask the owner to enable it if you still need access',
      );
    }
    if (!isAllowedSource(event.requestContext?.http?.sourceIp, tenant.ipAllowlist)) {
      throw new NetworkNotAllowedError(
        'このネットワークからは管理画面を利用できません。事務所のネットワークから接続するか、オーナーに IP 許可リストへの追加を依頼してください / ' +
          'admin access from this network is not allowed: connect from an office network or ask the owner to add it to the IP allowlist',
      );
    }
    // The Directory flag is what admin-web last reported. Cognito's MFA settings are the truth
    // where the rule applies, so TOTP turned off through the Cognito API is caught at once.
    // NOTE: that is one AdminGetUser per request of a prod owner, not cached, so it counts
    // against the account's Cognito request-rate quota for user reads and adds its latency.
    const mfaRequired = requiresMfa(user.role, process.env.STAGE);
    const mfaEnabled = mfaRequired ? await this.mfaStatus.totpEnabled(user.userId) : user.mfaEnabled === true;
    const mfaSetupRequired = mfaRequired && !mfaEnabled;
    if (mfaSetupRequired && !options.allowWithoutMfa) {
      throw new MfaRequiredError(
        'オーナーは 2 段階認証が必要です。アカウント画面で認証アプリを設定してください / owners must turn on two-step verification: set up an authenticator app on the account screen',
      );
    }
    return {
      mfaEnabled,
      mfaSetupRequired,
      tenantId: tenant.tenantId,
      userId: user.userId,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      grants: user.grants,
      officeIds: user.officeIds,
      allOffices: seesAllOffices(user.role),
    };
  }
}

/** Returns whether the user reaches an office; a resource without an office is reachable by owners only. */
export function reachesOffice(access: OperatorAccess, officeId: string | undefined): boolean {
  if (access.allOffices) return true;
  return officeId !== undefined && access.officeIds.includes(officeId);
}

/** Keeps the items whose office the user reaches, e.g. facilities or devices. */
export function withinOffices<Item extends { readonly officeId?: string }>(access: OperatorAccess, items: readonly Item[]): Item[] {
  return items.filter((item) => reachesOffice(access, item.officeId));
}

/**
 * Returns the resource when the user reaches its office. A resource outside the user's offices
 * gets the same 404 as a missing one, so its existence does not leak.
 */
export function requireInOffices<Item extends { readonly officeId?: string }>(
  access: OperatorAccess,
  item: Item | undefined,
  notFound: { ja: string; en: string; field: string },
): Item {
  if (!item || !reachesOffice(access, item.officeId)) {
    throw new NotFoundError(`${notFound.ja} / ${notFound.en}`, notFound.field);
  }
  return item;
}

/** Rejects assigning a resource to an office the user does not belong to. */
export function requireOfficeAssignable(access: OperatorAccess, officeId: string): void {
  if (!reachesOffice(access, officeId)) {
    throw new ForbiddenError('担当していない拠点は指定できません / you cannot assign an office you do not belong to', 'officeId');
  }
}
