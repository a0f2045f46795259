import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SyncStack } from '../../lib/sync/sync-stack';
import { loadCdkOut } from '../../local/cdk-out';

function synthesize(stage: string, outdir?: string) {
  const app = new App(outdir ? { outdir } : {});
  const auth = new Stack(app, `${stage}-Auth`);
  const userPool = new cognito.UserPool(auth, 'UserPool');
  const directoryTable = new dynamodb.Table(auth, 'Directory', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  });
  const sync = new SyncStack(app, `${stage}-Sync`, { stage, userPool, directoryTable, logRetentionDays: 30 });
  const nested = sync.node
    .findAll()
    .filter((construct): construct is Stack => construct instanceof Stack && construct.nested)
    .find((stack) => stack.node.id.startsWith('CheckIn'))!;
  return { app, sync, root: Template.fromStack(sync), checkIn: Template.fromStack(nested) };
}

describe('SyncStack', () => {
  const synthesizedDir = mkdtempSync(path.join(tmpdir(), 'sync-stack-'));
  const { app, root, checkIn } = synthesize('dev', synthesizedDir);
  app.synth();

  afterAll(() => rmSync(synthesizedDir, { recursive: true, force: true }));

  test('API uses user pool auth', () => {
    root.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      UserPoolConfig: Match.objectLike({ DefaultAction: 'ALLOW' }),
    });
  });

  test('API logs field errors without content', () => {
    root.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: true }),
    });
  });

  test('CheckIn data source is versioned', () => {
    checkIn.hasResourceProperties('AWS::AppSync::DataSource', {
      Type: 'AMAZON_DYNAMODB',
      DynamoDBConfig: Match.objectLike({ Versioned: true, DeltaSyncConfig: Match.anyValue() }),
    });
  });

  test('mutations use optimistic concurrency', () => {
    checkIn.hasResourceProperties('AWS::AppSync::FunctionConfiguration', {
      Name: 'MutationCreateCheckInDataResolverFn',
      SyncConfig: { ConflictDetection: 'VERSION', ConflictHandler: 'OPTIMISTIC_CONCURRENCY' },
    });
  });

  test('CheckIn table streams both images', () => {
    checkIn.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  test('CheckIn table expires records by _ttl', () => {
    checkIn.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: '_ttl', Enabled: true },
    });
  });

  test('create and update check the owner', () => {
    const api = loadCdkOut(synthesizedDir).graphqlApis[0]!;
    const ownerCheck = '$ownerClaim0 = "$ownerClaim0::$currentClaim1"';
    const create = api.functions.find((fn) => fn.name === 'MutationcreateCheckInauth0Function');
    // Update first reads the stored item, so its owner check sits in the response template.
    const update = api.functions.find((fn) => fn.name === 'MutationupdateCheckInauth0Function');

    expect(create?.requestMappingTemplate).toContain(ownerCheck);
    expect(update?.responseMappingTemplate).toContain(ownerCheck);
  });

  test('owner field cannot be updated', () => {
    const api = loadCdkOut(synthesizedDir).graphqlApis[0]!;
    const auth = api.functions.find((fn) => fn.name === 'MutationupdateCheckInauth0Function')!;
    const allowedFields = /#set\( \$ownerAllowedFields0 = (\[[^\]]*\]) \)/.exec(auth.responseMappingTemplate!);

    expect(JSON.parse(allowedFields![1]!)).not.toContain('owner');
  });

  test('every query, mutation and subscription checks the device first', () => {
    const api = loadCdkOut(synthesizedDir).graphqlApis[0]!;
    const deviceCheck = api.functions.find((fn) => fn.name === 'requireActiveDevice')!;
    const rootResolvers = api.resolvers.filter((resolver) => ['Query', 'Mutation', 'Subscription'].includes(resolver.typeName));

    expect(deviceCheck.dataSourceName).toBe('DeviceDirectory');
    expect(deviceCheck.responseMappingTemplate).toContain('$device.status != "active"');
    expect(rootResolvers.map((resolver) => resolver.fieldName)).toEqual(
      expect.arrayContaining(['createCheckIn', 'updateCheckIn', 'syncCheckIns', 'getCheckIn', 'onCreateCheckIn', 'checkInDelivery']),
    );
    for (const resolver of rootResolvers) expect(resolver.functionIds[0]).toBe(deviceCheck.id);
  });

  test('device check reads the directory only', () => {
    root.hasResourceProperties('AWS::AppSync::DataSource', {
      Name: 'DeviceDirectory',
      Type: 'AMAZON_DYNAMODB',
      DynamoDBConfig: Match.objectLike({ TableName: Match.anyValue() }),
    });
    const policies = root.findResources('AWS::IAM::Policy');
    const directoryActions = Object.values(policies)
      .filter((policy) => JSON.stringify(policy).includes('Directory'))
      .flatMap((policy) => (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((statement) => statement.Action));

    expect(directoryActions).toContain('dynamodb:Query');
    expect(directoryActions.filter((action) => /Put|Update|Delete|Write/.test(action))).toEqual([]);
  });

  test('delivery query reads check-ins by id only', () => {
    const api = loadCdkOut(synthesizedDir).graphqlApis[0]!;
    const delivery = api.resolvers.find((resolver) => resolver.fieldName === 'checkInDelivery')!;
    const pipeline = delivery.functionIds.map((id) => api.functions.find((fn) => fn.id === id)!);
    const policies = root.findResources('AWS::IAM::Policy');
    const checkInActions = Object.values(policies)
      .filter((policy) => JSON.stringify(policy).includes('CheckInRecords'))
      .flatMap((policy) => (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((statement) => statement.Action));

    expect(delivery.typeName).toBe('Query');
    expect(pipeline.map((fn) => fn.name)).toEqual(['requireActiveDevice', 'readCheckInRecord', 'findCheckInOwnerDevice']);
    expect(pipeline.map((fn) => fn.dataSourceName)).toEqual(['DeviceDirectory', 'CheckInRecords', 'DeviceDirectory']);
    expect(pipeline[1]!.requestMappingTemplate).toContain('"operation": "GetItem"');
    expect(checkInActions).toContain('dynamodb:GetItem');
    expect(checkInActions.filter((action) => /Put|Update|Delete|Write/.test(action))).toEqual([]);
  });

  test('delivery query returns only a status', () => {
    const api = loadCdkOut(synthesizedDir).graphqlApis[0]!;

    expect(api.schema).toMatch(/checkInDelivery\(id: ID!, sealed: String!\): CheckInDelivery\b/);
    expect(api.schema).toMatch(/enum CheckInDelivery \{\s*NOT_STORED\s+STORED\s+STORED_BY_OTHER_DEVICE\s+IN_REGISTER\s+MISMATCH\s*\}/);
  });

  test('schema has the sync query and fields', () => {
    const api = loadCdkOut(synthesizedDir).graphqlApis[0]!;

    expect(api.schema).toMatch(/syncCheckIns\(/);
    expect(api.schema).toMatch(/_version: Int!/);
    expect(api.schema).toMatch(/_lastChangedAt: AWSTimestamp!/);
  });

  test('dev table is destroyed with the stack', () => {
    checkIn.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  test('prod table is retained', () => {
    const prod = synthesize('prod');

    prod.checkIn.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
