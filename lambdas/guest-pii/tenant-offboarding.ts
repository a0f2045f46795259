import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { queryAllItems } from '../aws/dynamodb-query';
import type { CheckInTable } from '../check-in/check-in-table';
import type { Device, DeviceRepository } from '../device/device-repository';
import type { DeletionAuditLog, OffboardingPhase } from '../guest-register/deletion-audit';
import type { AccountRemoval } from '../organisation/account-removal';
import { deleteImagesUnder, deleteRegisterItems, type RegisterItemKey } from '../guest-register/register-deletion';
import type { TenantRepository } from '../organisation/tenant-repository';
import { minimumDeletionWindowDays, type TenantKeyDeletion, type TenantKeys } from './tenant-keys';

/** The longest waiting period KMS allows before it destroys a key. */
export const maximumDeletionWindowDays = 30;

/**
 * Why a tenant's guest data may go:
 * - `retention-ended`: the tenant cancelled and every register entry is past its 3-year retention;
 * - `tenant-request`: the tenant asked in writing for deletion before that, and keeping the
 *   register for the remaining years is its own duty as 住宅宿泊事業者 (it exports it first).
 */
export const offboardingBases = ['retention-ended', 'tenant-request'] as const;
export type OffboardingBasis = (typeof offboardingBases)[number];

export const offboardingRequestSchema = z
  .object({
    tenantId: z.string().trim().min(1).max(128),
    /** The tenant id typed a second time, so a slip in one of them stops the run. */
    confirmTenantId: z.string().trim().min(1).max(128),
    basis: z.enum(offboardingBases),
    /** Ticket or document behind the decision, e.g. the tenant's written request. */
    reference: z.string().trim().min(1).max(200),
    /** The platform operator who runs the offboarding, as the audit record names them. */
    requestedBy: z.string().trim().min(1).max(128),
    waitingDays: z.number().int().min(minimumDeletionWindowDays).max(maximumDeletionWindowDays).default(maximumDeletionWindowDays),
  })
  .refine((request) => request.confirmTenantId === request.tenantId, {
    path: ['confirmTenantId'],
    message: 'must repeat tenantId exactly',
  });

export type OffboardingRequest = z.infer<typeof offboardingRequestSchema>;

/** An offboarding that must not run as requested; the message names the field or condition. */
export class OffboardingRejectedError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'OffboardingRejectedError';
  }
}

export interface TenantShreddingDependencies {
  readonly tenantKeys: TenantKeys;
  readonly documents: DynamoDBDocumentClient;
  readonly registerTable: string;
  readonly s3: S3Client;
  readonly imagesBucket: string;
}

export interface TenantOffboardingDependencies extends TenantShreddingDependencies {
  readonly tenants: TenantRepository;
  readonly devices: DeviceRepository;
  readonly directoryTable: string;
  readonly audit: DeletionAuditLog;
  /** The AppSync CheckIn table, whose records of the tenant's kiosks go too. */
  readonly checkInTable: CheckInTable;
  /** The user pool, whose users of the tenant (head office and kiosks) are deleted. */
  readonly accounts: AccountRemoval;
}

export interface TenantShreddingResult {
  /** Undefined when the tenant had no key: it never had a check-in, or an earlier run scheduled it. */
  readonly keyDeletion?: TenantKeyDeletion;
  /** Register items removed from the live table: entries, data keys and the rest. */
  readonly deletedRegisterItems: number;
  readonly deletedImages: number;
}

export interface TenantOffboardingResult extends TenantShreddingResult {
  readonly tenantId: string;
  readonly revokedDevices: number;
  /** Records of the tenant's kiosks deleted from the CheckIn table, with their sealed guest data. */
  readonly deletedCheckInRecords: number;
  /** Cognito users of the tenant deleted by this run: head-office users and kiosks. */
  readonly deletedAccounts: number;
}

/**
 * Offboards a tenant after checking the request: the tenant exists, the confirmation matches,
 * and for `retention-ended` no register entry is still inside its 3-year retention. Then it
 * writes an audit record of the decision and marks the tenant offboarded. Its users lose access
 * and its kiosks are revoked, so no new check-in creates a new key, and their records in the
 * CheckIn table are deleted. The Cognito users of its head office and kiosks are deleted. Then `shredTenantData` runs, and a second audit record stores the
 * result. The audit records stay in the Audit table, which
 * offboarding keeps. A run that stopped halfway can run again with the same request.
 */
export async function offboardTenant(
  deps: TenantOffboardingDependencies,
  request: OffboardingRequest,
  now: Date,
): Promise<TenantOffboardingResult> {
  const { tenantId } = request;
  const tenant = await deps.tenants.getTenant(tenantId);
  if (!tenant) throw new OffboardingRejectedError(`Tenant ${tenantId} not found in the Directory table.`, 'tenantId');
  const resumed = tenant.offboardedAt !== undefined;

  const entriesInRetention = await countEntriesInRetention(deps, tenantId, now);
  if (request.basis === 'retention-ended' && entriesInRetention.count > 0 && !resumed) {
    throw new OffboardingRejectedError(
      `Tenant ${tenantId} has ${entriesInRetention.count} register entries still inside their 3-year retention, ` +
        `the last until ${entriesInRetention.latestExpiry}. Wait until then, or use basis tenant-request with the tenant's written request.`,
      'basis',
    );
  }

  const actor = `platform:${request.requestedBy}`;
  const decision = { basis: request.basis, reference: request.reference, waitingDays: request.waitingDays };
  await deps.audit.record(
    {
      tenantId,
      action: 'tenant-offboarding',
      actor,
      entryIds: [],
      details: { phase: (resumed ? 'resumed' : 'started') satisfies OffboardingPhase, ...decision, entriesInRetention: entriesInRetention.count },
    },
    now,
  );
  if (!resumed) await deps.tenants.markOffboarded(tenantId, { at: now, basis: request.basis, reference: request.reference });
  const devices = await revokeDevices(deps, tenantId, actor, now);
  const revokedDevices = devices.revoked;
  // Before the Register items go, so that a run stopped here still finds the tenant's devices.
  const deletedCheckInRecords = await deps.checkInTable.deleteRecordsOfDevices(devices.cognitoUsernames);
  const deletedAccounts = await deleteTenantAccounts(deps, tenantId, devices.signInNames);

  const shredded = await shredTenantData(deps, tenantId, request.waitingDays, { allowMissingKey: true });
  await deps.audit.record(
    {
      tenantId,
      action: 'tenant-offboarding',
      actor,
      entryIds: [],
      details: {
        phase: 'completed' satisfies OffboardingPhase,
        ...decision,
        keyArn: shredded.keyDeletion?.keyArn ?? 'none: no check-in ever created one, or an earlier run scheduled it',
        keyDeletionDate: shredded.keyDeletion?.deletionDate.toISOString() ?? 'none',
        deletedRegisterItems: shredded.deletedRegisterItems,
        deletedImages: shredded.deletedImages,
        deletedCheckInRecords,
        deletedAccounts,
        revokedDevices,
      },
    },
    new Date(now.getTime() + 1),
  );
  return { tenantId, revokedDevices, deletedCheckInRecords, deletedAccounts, ...shredded };
}

/**
 * Removes a tenant's guest data for good (crypto-shredding). First the tenant's KMS key is
 * scheduled for deletion, so from that moment no data key of the tenant opens again. When the
 * waiting period ends, KMS destroys the key material, and copies in DynamoDB backups, PITR and
 * S3 versions stay ciphertext forever. Then the live register items and images are deleted.
 * The audit trail and the directory (tenant, users, facilities) hold no guest data and stay.
 */
export async function shredTenantData(
  deps: TenantShreddingDependencies,
  tenantId: string,
  waitingDays?: number,
  options: { allowMissingKey?: boolean } = {},
): Promise<TenantShreddingResult> {
  const keyDeletion = options.allowMissingKey && !(await deps.tenantKeys.hasKey(tenantId))
    ? undefined
    : await deps.tenantKeys.scheduleDeletion(tenantId, waitingDays);
  const keys: RegisterItemKey[] = [];
  const items = queryAllItems(deps.documents, {
    TableName: deps.registerTable,
    KeyConditionExpression: 'pk = :tenant',
    ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}` },
    ProjectionExpression: 'pk, sk',
  });
  for await (const item of items) keys.push({ pk: item.pk as string, sk: item.sk as string });
  await deleteRegisterItems(deps.documents, deps.registerTable, keys);
  const deletedImages = await deleteImagesUnder(deps.s3, deps.imagesBucket, `register/${tenantId}/`);
  return { keyDeletion, deletedRegisterItems: keys.length, deletedImages };
}

/** Counts the tenant's entries whose retention has not ended at `now`, and the last expiry. */
async function countEntriesInRetention(
  deps: TenantOffboardingDependencies,
  tenantId: string,
  now: Date,
): Promise<{ count: number; latestExpiry?: string }> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  let count = 0;
  let latest = 0;
  const entries = queryAllItems(deps.documents, {
    TableName: deps.registerTable,
    KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :entry)',
    ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}`, ':entry': 'ENTRY#' },
    ProjectionExpression: 'expiresAt',
  });
  for await (const entry of entries) {
    const expiresAt = Number(entry.expiresAt);
    if (expiresAt <= nowSeconds) continue;
    count += 1;
    latest = Math.max(latest, expiresAt);
  }
  return { count, latestExpiry: count > 0 ? new Date(latest * 1000).toISOString() : undefined };
}

/**
 * Revokes every device of the tenant, so its kiosks can send nothing more. Returns
 * how many it revoked and the Cognito usernames of all the tenant's devices, revoked before or not.
 */
async function revokeDevices(
  deps: TenantOffboardingDependencies,
  tenantId: string,
  actor: string,
  now: Date,
): Promise<{ revoked: number; cognitoUsernames: string[]; signInNames: string[] }> {
  let revoked = 0;
  const cognitoUsernames: string[] = [];
  const signInNames: string[] = [];
  // Device items carry every Device field beside their keys.
  const devices = queryAllItems(deps.documents, {
    TableName: deps.directoryTable,
    KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :device)',
    ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}`, ':device': 'DEVICE#' },
  });
  for await (const item of devices) {
    const device = item as unknown as Device;
    cognitoUsernames.push(device.cognitoUsername);
    signInNames.push(device.signInName ?? device.cognitoUsername);
    if (device.status === 'revoked') continue;
    await deps.devices.revokeDevice(device, actor, now);
    revoked += 1;
  }
  return { revoked, cognitoUsernames, signInNames };
}

/**
 * Deletes the Cognito users of the tenant's head office (signed in by email) and of its kiosks.
 * The directory keeps their USER# and DEVICE# items, which the audit trail refers to. Returns
 * how many users this run deleted; users an earlier run deleted are skipped.
 */
async function deleteTenantAccounts(deps: TenantOffboardingDependencies, tenantId: string, deviceSignInNames: readonly string[]): Promise<number> {
  const operators = await deps.tenants.listOperatorUsers(tenantId);
  let deleted = 0;
  for (const username of [...operators.map((user) => user.email), ...deviceSignInNames]) {
    if (await deps.accounts.deleteUser(username)) deleted += 1;
  }
  return deleted;
}
