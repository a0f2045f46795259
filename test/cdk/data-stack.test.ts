import { Match } from 'aws-cdk-lib/assertions';
import { productTables } from '../../lib/data/tables';
import { synthesizeStage } from './synthesized-stage';

const dev = () => synthesizeStage('dev').template('data');
const prod = () => synthesizeStage('prod').template('data');

describe('data stack tables', () => {
  test.each(productTables.map((table) => [table.id, table] as const))('%s has PITR and encryption', (_id, definition) => {
    dev().hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: definition.partitionKey, KeyType: 'HASH' },
        { AttributeName: definition.sortKey, KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: definition.globalIndexes.length
        ? definition.globalIndexes.map((index) => Match.objectLike({ IndexName: index.name }))
        : Match.absent(),
    });
  });

  test('TTL attributes follow tables.ts', () => {
    const tables = Object.values(dev().findResources('AWS::DynamoDB::Table'));
    const ttlAttributes = tables.map((table) => table.Properties.TimeToLiveSpecification?.AttributeName).filter(Boolean);
    const expected = productTables.map((table) => table.timeToLiveAttribute).filter(Boolean);
    expect(ttlAttributes.sort()).toEqual(expected.sort());
  });

  test('only Register has a keys-only stream', () => {
    const tables = Object.entries(dev().findResources('AWS::DynamoDB::Table'));
    const streams = tables.map(([logicalId, table]) => [logicalId.replace(/[0-9A-F]{8}$/, ''), table.Properties.StreamSpecification?.StreamViewType ?? 'none']);

    expect(Object.fromEntries(streams)).toEqual({ Directory: 'none', Register: 'KEYS_ONLY', Audit: 'none' });
  });

  test('prod tables are retained and protected', () => {
    const tables = Object.values(prod().findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(productTables.length);
    for (const table of tables) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    }
  });

  test('dev tables are destroyed', () => {
    for (const table of Object.values(dev().findResources('AWS::DynamoDB::Table'))) {
      expect(table.DeletionPolicy).toBe('Delete');
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    }
  });
});

describe('data stack KMS keys', () => {
  test('no stage-wide PII key exists', () => {
    const keys = Object.values(dev().findResources('AWS::KMS::Key'));
    expect(keys).toHaveLength(1);
    expect(keys[0].Properties.KeySpec).toBe('RSA_3072');
  });

  test('key policies allow no principal wildcard', () => {
    const keys = Object.values(dev().findResources('AWS::KMS::Key'));
    for (const key of keys) {
      const allows = key.Properties.KeyPolicy.Statement.filter((statement: { Effect: string }) => statement.Effect === 'Allow');
      for (const statement of allows) expect(statement.Principal).not.toEqual({ AWS: '*' });
    }
  });

  test('sealing key is RSA 3072 for encryption', () => {
    dev().hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'RSA_3072',
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
  });

  test('prod keys are retained, dev keys deleted', () => {
    for (const key of Object.values(prod().findResources('AWS::KMS::Key'))) expect(key.DeletionPolicy).toBe('Retain');
    for (const key of Object.values(dev().findResources('AWS::KMS::Key'))) expect(key.DeletionPolicy).toBe('Delete');
  });
});

describe('guest images bucket', () => {
  const imagesBucket = (template = dev()) => {
    const buckets = template.findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: Match.anyValue() } });
    const entries = Object.entries(buckets);
    expect(entries).toHaveLength(1);
    return entries[0];
  };

  test('blocks public access and encrypts', () => {
    const [, bucket] = imagesBucket();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toBeDefined();
  });

  test('denies requests without TLS', () => {
    const [logicalId] = imagesBucket();
    dev().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('allows only PUT from the kiosk origin', () => {
    const [, bucket] = imagesBucket();
    const rules = bucket.Properties.CorsConfiguration.CorsRules;
    expect(rules).toHaveLength(1);
    expect(rules[0].AllowedMethods).toEqual(['PUT']);
    expect(rules[0].AllowedOrigins).toHaveLength(1);
    expect(JSON.stringify(rules[0].AllowedOrigins)).toContain('KioskDistribution');
  });

  test('prod bucket is retained', () => {
    const [, bucket] = imagesBucket(prod());
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
  });

  test('dev bucket is emptied and deleted', () => {
    const [, bucket] = imagesBucket();
    expect(bucket.DeletionPolicy).toBe('Delete');
    dev().resourceCountIs('Custom::S3AutoDeleteObjects', 2);
  });
});

describe('retention and audit trail', () => {
  const imagesBucketRules = () => {
    const buckets = dev().findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: Match.anyValue() } });
    return Object.values(buckets)[0].Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
  };

  test('register images expire after 3 years', () => {
    expect(imagesBucketRules()).toContainEqual(
      expect.objectContaining({ Prefix: 'register/', ExpirationInDays: 1096, Status: 'Enabled' }),
    );
  });

  test('unclaimed uploads expire', () => {
    expect(imagesBucketRules()).toContainEqual(expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: 60 }));
  });

  test('audit table denies changes to all', () => {
    dev().hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: Match.anyValue(),
      ResourcePolicy: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Sid: 'DenyAuditRecordChanges',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: Match.arrayWith(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem']),
            }),
          ]),
        },
      },
    });
  });

  test('only the audit table has a resource policy', () => {
    const withPolicy = Object.keys(dev().findResources('AWS::DynamoDB::Table', { Properties: { ResourcePolicy: Match.anyValue() } }));
    expect(withPolicy).toEqual([expect.stringMatching(/^Audit/)]);
  });
});
