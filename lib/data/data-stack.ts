import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { isDeletionProtected, statefulRemovalPolicy, type StageConfig } from '../stage-config';
import { imageKeyPrefixes } from '../api/resource-bindings';
import { tenantKeyAliasPrefix } from '../../lambdas/guest-pii/tenant-key-names';
import { auditTable, productTables, type TableDefinition } from './tables';

/** Days an image under `register/` is kept: 3 years from creation, counting a leap day. */
export const registerImageRetentionDays = 3 * 365 + 1;
/** Days a sealed upload under `incoming/` may wait for ingest before S3 deletes it. */
export const incomingImageRetentionDays = 60;

/** DynamoDB actions that could change or remove an audit record; the Audit table denies them to all. */
export const auditRecordChangeActions = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

/** The tenant keys of one stage: tagged `open-sesame:stage = stage`, aliased `aliasPrefix + tenantId`. */
export interface TenantKeyLocation {
  readonly stage: string;
  readonly aliasPrefix: string;
}

export interface DataStackProps extends StackProps {
  readonly config: StageConfig;
  /** Origin of the kiosk web app (`https://host`), the only origin allowed to PUT images. */
  readonly kioskOrigin: string;
}

/**
 * Everything that stores guest data: the product's DynamoDB tables, the KMS keys that protect
 * guest PII, and the guest images bucket.
 */
export class DataStack extends Stack {
  /** Tables keyed by their `TableDefinition.id` (Directory, Register, Audit). */
  readonly tables: ReadonlyMap<string, dynamodb.Table>;
  /** Stage tag and alias prefix of the per-tenant KMS keys for guest PII. */
  readonly tenantKeys: TenantKeyLocation;
  /** RSA key whose public half kiosks use to seal check-ins. Only ingest may decrypt with it. */
  readonly kioskSealingKey: kms.Key;
  readonly imagesBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = statefulRemovalPolicy(config);

    this.tables = new Map(productTables.map((definition) => [definition.id, this.createTable(definition, config)]));
    // The audit trail is append-only for everyone, administrators included: records can be
    // added (PutItem) and read, never changed or deleted through the DynamoDB API.
    this.table(auditTable).addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyAuditRecordChanges',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: auditRecordChangeActions,
        resources: ['*'],
      }),
    );

    // Guest PII has no stage-wide key: each tenant gets its own KMS key on its first check-in
    // (lambdas/guest-pii/tenant-keys.ts), so that one tenant's data can be crypto-shredded.
    this.tenantKeys = { stage: config.name, aliasPrefix: tenantKeyAliasPrefix(config.name) };

    this.kioskSealingKey = new kms.Key(this, 'KioskSealingKey', {
      description: `OPEN SESAME! ${config.name}: kiosks seal check-ins with its public key (RSAES_OAEP_SHA_256)`,
      alias: `alias/open-sesame/${config.name}/kiosk-sealing`,
      keySpec: kms.KeySpec.RSA_3072,
      keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT,
      removalPolicy,
    });

    const accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy,
      autoDeleteObjects: !isDeletionProtected(config),
    });
    Validations.of(accessLogsBucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket receives the server access logs; logging it into itself would loop.' });

    // Objects are already encrypted by the application (sealed by the kiosk, then under tenant
    // data keys), so S3-managed encryption is the second layer, not the protection of PII.
    this.imagesBucket = new s3.Bucket(this, 'GuestImagesBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: 'guest-images/',
      cors: [
        {
          allowedMethods: [s3.HttpMethods.PUT],
          allowedOrigins: [props.kioskOrigin],
          allowedHeaders: ['content-type', 'x-amz-*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        // 住宅宿泊事業法 施行規則 第7条: register entries and their passport copies are kept 3
        // years from creation. 1096 days is at least 3 years whatever the leap days; DynamoDB
        // TTL removes the entry itself on the same anniversary.
        { id: 'ExpireRegisterImages', prefix: imageKeyPrefixes.register, expiration: Duration.days(registerImageRetentionDays) },
        // Sealed uploads that were never ingested; ingest deletes the others within seconds.
        { id: 'ExpireIncomingUploads', prefix: imageKeyPrefixes.incoming, expiration: Duration.days(incomingImageRetentionDays) },
        // Overwritten or deleted images must not outlive the register's purge for long.
        { noncurrentVersionExpiration: Duration.days(30), expiredObjectDeleteMarker: true },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Register exports hold decrypted guest data: they live only long enough to download.
        { prefix: 'exports/', expiration: Duration.days(1) },
      ],
      removalPolicy,
      autoDeleteObjects: !isDeletionProtected(config),
    });
  }

  /** Returns the table built from the shared contract in `tables.ts`. */
  table(definition: TableDefinition): dynamodb.Table {
    const table = this.tables.get(definition.id);
    if (!table) throw new Error(`Table "${definition.id}" is not defined in lib/data/tables.ts.`);
    return table;
  }

  private createTable(definition: TableDefinition, config: StageConfig): dynamodb.Table {
    const table = new dynamodb.Table(this, definition.id, {
      partitionKey: { name: definition.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: definition.timeToLiveAttribute,
      stream: definition.streamView === 'KEYS_ONLY' ? dynamodb.StreamViewType.KEYS_ONLY : undefined,
      deletionProtection: isDeletionProtected(config),
      removalPolicy: statefulRemovalPolicy(config),
    });
    for (const index of definition.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        ...(index.projectedAttributes
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projectedAttributes] }
          : {}),
      });
    }
    return table;
  }
}
