import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  NotFoundException,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { tenantKeyTags } from './tenant-key-names';

export { tenantKeyAliasPrefix, tenantKeyTags } from './tenant-key-names';

/** KMS waits at least 7 days before it destroys a key scheduled for deletion. */
export const minimumDeletionWindowDays = 7;

export interface TenantKeysOptions {
  /** Stage name, written as the `open-sesame:stage` tag that IAM policies match. */
  readonly stage: string;
  /** `tenantKeyAliasPrefix(stage)`; each tenant's alias is the prefix plus its tenant id. */
  readonly aliasPrefix: string;
}

export interface TenantKeyDeletion {
  readonly keyArn: string;
  /** When KMS destroys the key material for good. */
  readonly deletionDate: Date;
}

/**
 * One symmetric KMS key per tenant, under which all of the tenant's data keys are generated.
 * Destroying it makes every copy of the tenant's data unreadable, backups included
 * (crypto-shredding), without touching other tenants. Keys rotate yearly and carry the stage
 * and tenant as tags.
 */
export class TenantKeys {
  private readonly knownKeys = new Map<string, Promise<string>>();

  constructor(
    private readonly kms: KMSClient,
    private readonly options: TenantKeysOptions,
  ) {}

  /** Alias of a tenant's key. */
  aliasOf(tenantId: string): string {
    return `${this.options.aliasPrefix}${tenantId}`;
  }

  /** Returns the ARN of the tenant's key, creating the key on the tenant's first write. */
  keyArnFor(tenantId: string): Promise<string> {
    let known = this.knownKeys.get(tenantId);
    if (!known) {
      known = this.findOrCreate(tenantId);
      this.knownKeys.set(tenantId, known);
      known.catch(() => this.knownKeys.delete(tenantId));
    }
    return known;
  }

  /** Returns whether the tenant's alias still names a key, i.e. no offboarding scheduled it for deletion. */
  async hasKey(tenantId: string): Promise<boolean> {
    return (await this.describe(this.aliasOf(tenantId))) !== undefined;
  }

  /**
   * Schedules the tenant's key for deletion and removes its alias, so no new data key can be
   * made or opened. KMS destroys the material when the waiting period (7 to 30 days) ends.
   */
  async scheduleDeletion(tenantId: string, waitingDays = minimumDeletionWindowDays): Promise<TenantKeyDeletion> {
    const alias = this.aliasOf(tenantId);
    const keyArn = await this.describe(alias);
    if (!keyArn) throw new Error(`Tenant ${tenantId} has no KMS key (alias ${alias}) to delete.`);
    const scheduled = await this.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: waitingDays }));
    await this.kms.send(new DeleteAliasCommand({ AliasName: alias }));
    this.knownKeys.delete(tenantId);
    return { keyArn, deletionDate: new Date(scheduled.DeletionDate!) };
  }

  private async findOrCreate(tenantId: string): Promise<string> {
    const alias = this.aliasOf(tenantId);
    const existing = await this.describe(alias);
    if (existing) return existing;

    const created = await this.kms.send(
      new CreateKeyCommand({
        Description: `OPEN SESAME! ${this.options.stage}: guest data keys of tenant ${tenantId}`,
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        Tags: [
          { TagKey: tenantKeyTags.stage, TagValue: this.options.stage },
          { TagKey: tenantKeyTags.tenant, TagValue: tenantId },
        ],
      }),
    );
    const keyArn = created.KeyMetadata!.Arn!;
    await this.kms.send(new EnableKeyRotationCommand({ KeyId: keyArn }));
    try {
      await this.kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyArn }));
      return keyArn;
    } catch (error) {
      if (!(error instanceof AlreadyExistsException)) throw error;
      // Another container created the tenant's key first: use it and retire the spare one.
      await this.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: minimumDeletionWindowDays }));
      return (await this.describe(alias))!;
    }
  }

  private async describe(alias: string): Promise<string | undefined> {
    try {
      const described = await this.kms.send(new DescribeKeyCommand({ KeyId: alias }));
      return described.KeyMetadata?.Arn;
    } catch (error) {
      if (error instanceof NotFoundException) return undefined;
      throw error;
    }
  }
}
