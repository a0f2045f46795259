import { Stack } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { tenantKeyTags } from '../../lambdas/guest-pii/tenant-key-names';
import type { TenantKeyLocation } from '../data/data-stack';
import { acknowledgeWildcardFindings } from '../nag-acknowledgements';
import { auditTable, directoryTable, registerTable, type TableDefinition } from '../data/tables';
import type { RouteResource } from './routes';

/** The deployed resources behind each `RouteResource` name of routes.ts. */
export interface BindableResources {
  readonly directoryTable: dynamodb.ITable;
  readonly registerTable: dynamodb.ITable;
  readonly auditTable: dynamodb.ITable;
  readonly imagesBucket: s3.IBucket;
  /** Each tenant's own KMS key for guest PII, found by stage tag and alias prefix. */
  readonly piiKey: TenantKeyLocation;
  readonly kioskSealingKey: kms.IKey;
  readonly userPool: cognito.IUserPool;
  readonly mail: {
    readonly identity: ses.IEmailIdentity;
    readonly configurationSet: ses.IConfigurationSet;
    readonly fromAddress: string;
  };
  /** Origin of the admin-web app, e.g. `https://d111111abcdef8.cloudfront.net`. */
  readonly adminWebUrl: string;
  /** Address that receives the support requests of head-office users (stage setting `supportAddress`). */
  readonly supportAddress: string;
  /** The AppSync CheckIn table (sync stack), which keeps each check-in's sealed guest data until it expires. */
  readonly checkInTable: dynamodb.ITable;
}

/**
 * Access level of a function to the resources it uses: `read` for GET routes, `write` for the
 * other routes, `ingest` for the check-in stream consumer.
 */
export type BindingAccess = 'read' | 'write' | 'ingest';

/** Environment variable through which a handler receives each resource (docs/architecture.md). */
export const resourceEnvironmentVariables: Readonly<Record<RouteResource, string>> = {
  directoryTable: directoryTable.environmentVariable,
  registerTable: registerTable.environmentVariable,
  auditTable: auditTable.environmentVariable,
  auditTableReader: auditTable.environmentVariable,
  imagesBucket: 'IMAGES_BUCKET',
  registerImagesReader: 'IMAGES_BUCKET',
  registerExports: 'EXPORTS_BUCKET',
  piiKey: 'TENANT_KEY_ALIAS_PREFIX',
  kioskSealingKey: 'KIOSK_SEALING_KEY_ID',
  userPool: 'USER_POOL_ID',
  operatorAccounts: 'USER_POOL_ID',
  mfaStatus: 'USER_POOL_ID',
  accountDeletion: 'USER_POOL_ID',
  mail: 'MAIL_FROM',
  adminWeb: 'ADMIN_WEB_URL',
  supportAddress: 'SUPPORT_ADDRESS',
  registerDeletion: registerTable.environmentVariable,
  registerRetention: registerTable.environmentVariable,
  registerImagesDeletion: 'IMAGES_BUCKET',
  tenantKeyDeletion: 'TENANT_KEY_ALIAS_PREFIX',
  checkInExpiry: 'CHECKIN_TABLE',
  checkInReader: 'CHECKIN_TABLE',
  incomingImagesCopy: 'IMAGES_BUCKET',
  checkInRetention: 'CHECKIN_TABLE',
  checkInDeletion: 'CHECKIN_TABLE',
};

/**
 * Cognito actions of pairing a kiosk (creating its device user in the kiosk group) and of
 * revoking it (disabling that user).
 */
const deviceUserActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDisableUser',
];

/** Cognito actions of managing head-office users: invite, change group, disable and enable. */
const operatorAccountActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminGetUser',
];

const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const tableWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** S3 key prefixes of the images bucket, matching the keys built in lambdas/check-in/image-keys.ts. */
export const imageKeyPrefixes = {
  /** Sealed images as kiosks upload them, deleted once ingested. */
  incoming: 'incoming/',
  /** Images under the tenant envelope, read by the register. */
  register: 'register/',
  /** Register exports (decrypted CSV or PDF), downloaded through presigned URLs and expired after a day. */
  exports: 'exports/',
} as const;

/**
 * Passes one resource to a handler and grants the least access it needs, in one step so that
 * no handler can receive a name it is not allowed to use. Every statement names its actions
 * and resources explicitly: no Scan, no action wildcards, no index or key outside the contract.
 */
export function bindResource(
  handler: NodejsFunction,
  resource: RouteResource,
  resources: BindableResources,
  access: BindingAccess,
): void {
  const variable = resourceEnvironmentVariables[resource];
  const allow = (actions: string[], resourceArns: string[], conditions?: Record<string, unknown>) =>
    handler.addToRolePolicy(new iam.PolicyStatement({ actions, resources: resourceArns, conditions }));

  switch (resource) {
    case 'directoryTable':
    case 'registerTable': {
      const table = resources[resource];
      handler.addEnvironment(variable, table.tableName);
      const actions = access === 'read' ? tableReadActions : [...tableReadActions, ...tableWriteActions];
      allow(actions, tableAndIndexArns(table, tableDefinitions[resource]));
      return;
    }
    case 'auditTable': {
      // The audit log is append-only: handlers add entries and never change or read them.
      const table = resources.auditTable;
      handler.addEnvironment(variable, table.tableName);
      allow(['dynamodb:PutItem'], [table.tableArn]);
      return;
    }
    case 'auditTableReader': {
      // Only the audit log route reads the trail; it can neither add nor change records.
      const table = resources.auditTable;
      handler.addEnvironment(variable, table.tableName);
      allow(['dynamodb:Query'], tableAndIndexArns(table, auditTable));
      return;
    }
    case 'imagesBucket': {
      const bucket = resources.imagesBucket;
      handler.addEnvironment(variable, bucket.bucketName);
      const incoming = bucket.arnForObjects(`${imageKeyPrefixes.incoming}*`);
      const register = bucket.arnForObjects(`${imageKeyPrefixes.register}*`);
      if (access === 'read') {
        allow(['s3:GetObject'], [register]);
      } else if (access === 'write') {
        // Signs the presigned PUT URLs that kiosks upload sealed images with.
        allow(['s3:PutObject'], [incoming]);
      } else {
        allow(['s3:GetObject', 's3:DeleteObject'], [incoming]);
        allow(['s3:PutObject'], [register]);
        // Without ListBucket a missing incoming image reads as 403 instead of 404 (NoSuchKey).
        allow(['s3:ListBucket'], [bucket.bucketArn], { StringLike: { 's3:prefix': `${imageKeyPrefixes.incoming}*` } });
      }
      acknowledgeWildcardFindings(
        handler,
        'Object keys carry tenant, device and check-in ids known only at run time; each wildcard stays inside one key prefix of the images bucket.',
        (finding) => Object.values(imageKeyPrefixes).some((prefix) => finding.endsWith(`/${prefix}*`)),
      );
      return;
    }
    case 'registerImagesReader': {
      const bucket = resources.imagesBucket;
      handler.addEnvironment(variable, bucket.bucketName);
      allow(['s3:GetObject'], [bucket.arnForObjects(`${imageKeyPrefixes.register}*`)]);
      acknowledgeWildcardFindings(
        handler,
        'Image keys carry tenant and entry ids known only at run time; the wildcard stays inside the register/ prefix of the images bucket.',
        (finding) => finding.endsWith(`/${imageKeyPrefixes.register}*`),
      );
      return;
    }
    case 'registerExports': {
      const bucket = resources.imagesBucket;
      handler.addEnvironment(variable, bucket.bucketName);
      const exportObjects = bucket.arnForObjects(`${imageKeyPrefixes.exports}*`);
      // GetObject signs the download URL; the writer also uploads in parts and may abort.
      allow(access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], [exportObjects]);
      acknowledgeWildcardFindings(
        handler,
        'Export keys carry tenant and export ids known only at run time; the wildcard stays inside the exports/ prefix of the images bucket.',
        (finding) => finding.endsWith(`/${imageKeyPrefixes.exports}*`),
      );
      return;
    }
    case 'piiKey': {
      // Tenant keys are created at run time, so statements match them by their stage tag.
      const { stage, aliasPrefix } = resources.piiKey;
      handler.addEnvironment(variable, aliasPrefix);
      const stack = Stack.of(handler);
      const anyKey = stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
      const ownStage = { StringEquals: { [`aws:ResourceTag/${tenantKeyTags.stage}`]: stage } };
      allow(access === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], [anyKey], ownStage);
      if (access === 'ingest') {
        // Creates a tenant's key on its first check-in: tagged with this stage, rotating, aliased.
        allow(['kms:CreateKey', 'kms:TagResource'], ['*'], { StringEquals: { [`aws:RequestTag/${tenantKeyTags.stage}`]: stage } });
        allow(['kms:EnableKeyRotation', 'kms:CreateAlias', 'kms:ScheduleKeyDeletion'], [anyKey], ownStage);
        allow(['kms:CreateAlias'], [stack.formatArn({ service: 'kms', resource: 'alias', resourceName: `${aliasPrefix.slice('alias/'.length)}*` })]);
      }
      acknowledgeWildcardFindings(
        handler,
        'Tenant KMS keys are created per tenant at run time; every statement on them requires the stage tag, and CreateKey requires that tag in the request.',
        (finding) => finding === 'Resource::*' || finding.includes(':key/*') || finding.includes(':alias/open-sesame/'),
      );
      return;
    }
    case 'kioskSealingKey': {
      // Routes hand out the public half, and only the stream consumer may unwrap check-in keys.
      const key = resources.kioskSealingKey;
      handler.addEnvironment(variable, key.keyId);
      allow(access === 'ingest' ? ['kms:Decrypt'] : ['kms:GetPublicKey'], [key.keyArn]);
      return;
    }
    case 'userPool': {
      const userPool = resources.userPool;
      handler.addEnvironment(variable, userPool.userPoolId);
      allow(access === 'read' ? ['cognito-idp:AdminGetUser'] : deviceUserActions, [userPool.userPoolArn]);
      return;
    }
    case 'operatorAccounts': {
      const userPool = resources.userPool;
      handler.addEnvironment(variable, userPool.userPoolId);
      allow(access === 'read' ? ['cognito-idp:AdminGetUser'] : operatorAccountActions, [userPool.userPoolArn]);
      return;
    }
    case 'mfaStatus': {
      const userPool = resources.userPool;
      handler.addEnvironment(variable, userPool.userPoolId);
      allow(['cognito-idp:AdminGetUser'], [userPool.userPoolArn]);
      return;
    }
    case 'accountDeletion': {
      const userPool = resources.userPool;
      handler.addEnvironment(variable, userPool.userPoolId);
      allow(['cognito-idp:AdminDeleteUser'], [userPool.userPoolArn]);
      return;
    }
    case 'registerDeletion':
    case 'registerRetention': {
      // Offboarding queries one tenant's partition; the retention job scans for expired items
      // of every tenant. Both reach the table only, no index.
      const table = resources.registerTable;
      handler.addEnvironment(variable, table.tableName);
      allow([resource === 'registerRetention' ? 'dynamodb:Scan' : 'dynamodb:Query', 'dynamodb:BatchWriteItem'], [table.tableArn]);
      return;
    }
    case 'checkInExpiry':
    case 'checkInRetention':
    case 'checkInDeletion': {
      // Ingest only sets `_ttl`, and the retention job deletes records by id. Offboarding also
      // scans for the records of the tenant's kiosks, because the table has no index by owner.
      const table = resources.checkInTable;
      handler.addEnvironment(variable, table.tableName);
      const actions = {
        checkInExpiry: ['dynamodb:UpdateItem'],
        checkInRetention: ['dynamodb:BatchWriteItem'],
        checkInDeletion: ['dynamodb:Scan', 'dynamodb:BatchWriteItem'],
      }[resource];
      allow(actions, [table.tableArn]);
      return;
    }
    case 'checkInReader': {
      const table = resources.checkInTable;
      handler.addEnvironment(variable, table.tableName);
      allow(['dynamodb:GetItem'], [table.tableArn]);
      return;
    }
    case 'incomingImagesCopy': {
      // CopyObject needs GetObject on the source key and PutObject on the target key.
      const bucket = resources.imagesBucket;
      handler.addEnvironment(variable, bucket.bucketName);
      allow(['s3:GetObject', 's3:PutObject'], [bucket.arnForObjects(`${imageKeyPrefixes.incoming}*`)]);
      acknowledgeWildcardFindings(
        handler,
        'Incoming image keys carry device, check-in and image ids known only at run time; the wildcard stays inside the incoming/ prefix of the images bucket.',
        (finding) => finding.endsWith(`/${imageKeyPrefixes.incoming}*`),
      );
      return;
    }
    case 'registerImagesDeletion': {
      const bucket = resources.imagesBucket;
      handler.addEnvironment(variable, bucket.bucketName);
      allow(['s3:DeleteObject'], [bucket.arnForObjects(`${imageKeyPrefixes.register}*`)]);
      allow(['s3:ListBucket'], [bucket.bucketArn], { StringLike: { 's3:prefix': `${imageKeyPrefixes.register}*` } });
      acknowledgeWildcardFindings(
        handler,
        'Register image keys carry tenant and entry ids known only at run time; the wildcard stays inside the register/ prefix of the images bucket.',
        (finding) => finding.endsWith(`/${imageKeyPrefixes.register}*`),
      );
      return;
    }
    case 'tenantKeyDeletion': {
      const { stage, aliasPrefix } = resources.piiKey;
      handler.addEnvironment(variable, aliasPrefix);
      const stack = Stack.of(handler);
      const anyKey = stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
      const ownStage = { StringEquals: { [`aws:ResourceTag/${tenantKeyTags.stage}`]: stage } };
      // DeleteAlias needs permission on the key and on the alias.
      allow(['kms:DescribeKey', 'kms:ScheduleKeyDeletion', 'kms:DeleteAlias'], [anyKey], ownStage);
      allow(['kms:DeleteAlias'], [stack.formatArn({ service: 'kms', resource: 'alias', resourceName: `${aliasPrefix.slice('alias/'.length)}*` })]);
      acknowledgeWildcardFindings(
        handler,
        'Tenant KMS keys are created per tenant at run time; every statement on them requires the stage tag, and aliases stay under the stage prefix.',
        (finding) => finding.includes(':key/*') || finding.includes(':alias/open-sesame/'),
      );
      return;
    }
    case 'adminWeb': {
      handler.addEnvironment(variable, resources.adminWebUrl);
      return;
    }
    case 'supportAddress': {
      handler.addEnvironment(variable, resources.supportAddress);
      return;
    }
    case 'mail': {
      const { identity, configurationSet, fromAddress } = resources.mail;
      handler.addEnvironment(variable, fromAddress);
      const configurationSetArn = Stack.of(handler).formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: configurationSet.configurationSetName,
      });
      allow(['ses:SendEmail', 'ses:SendRawEmail'], [identity.emailIdentityArn, configurationSetArn], {
        StringEquals: { 'ses:FromAddress': fromAddress },
      });
      return;
    }
  }
}

const tableDefinitions: Readonly<Record<'directoryTable' | 'registerTable', TableDefinition>> = {
  directoryTable,
  registerTable,
};

/** ARNs of a table and of each global index the contract defines for it. */
function tableAndIndexArns(table: dynamodb.ITable, definition: TableDefinition): string[] {
  return [table.tableArn, ...definition.globalIndexes.map((index) => `${table.tableArn}/index/${index.name}`)];
}
