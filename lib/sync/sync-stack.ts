import path from 'node:path';
import { AmplifyGraphqlApi, AmplifyGraphqlDefinition } from '@aws-amplify/graphql-api-construct';
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { FieldLogLevel } from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { checkInTtlAttribute } from '../../lambdas/check-in/check-in-expiry';
import { ActiveDeviceCheck } from './active-device-check';
import { CheckInDeliveryQuery, checkInDeliverySchemaPath } from './check-in-delivery-query';

export interface SyncStackProps extends StackProps {
  /** Stage name (dev, stg, prod); prod retains the CheckIn table when the stack is deleted. */
  readonly stage: string;
  /** Pool whose users (kiosk devices) own the CheckIn records they create. */
  readonly userPool: cognito.IUserPool;
  /** Directory table, read to let only active devices use the API (see ActiveDeviceCheck). */
  readonly directoryTable: dynamodb.ITable;
  /** Days that AppSync's error logs stay in CloudWatch Logs, one of its retention periods. */
  readonly logRetentionDays: number;
}

/**
 * Path of the models' GraphQL schema, which CDK and the local AppSync simulator load. The
 * kiosk's DataStore schema version is its hash (see kiosk/src/sync/model-schema.ts).
 */
export const syncSchemaPath = path.join(__dirname, 'schema.graphql');

/** Model name of the kiosk's check-ins in the schema, and the key of its generated table. */
export const checkInModelName = 'CheckIn';

/**
 * AppSync API for Amplify DataStore: the schema's models with owner auth from the Cognito user
 * pool, and versioned data sources (conflict detection) so that DataStore can sync offline saves.
 */
export class SyncStack extends Stack {
  /** Table of synced check-ins; its stream carries new and old images for the ingest Lambda. */
  readonly checkInTable: dynamodb.ITable;
  readonly graphqlUrl: string;

  constructor(scope: Construct, id: string, props: SyncStackProps) {
    super(scope, id, props);

    const api = new AmplifyGraphqlApi(this, 'SyncApi', {
      apiName: `open-sesame-sync-${props.stage}`,
      definition: AmplifyGraphqlDefinition.fromFiles(syncSchemaPath, checkInDeliverySchemaPath),
      authorizationModes: {
        defaultAuthorizationMode: 'AMAZON_COGNITO_USER_POOLS',
        userPoolConfig: { userPool: props.userPool },
      },
      // Optimistic concurrency rather than AUTOMERGE, because that is the rule the local
      // simulator can reproduce: a write with a stale _version fails with ConflictUnhandled.
      dataStoreConfiguration: {
        project: { detectionType: 'VERSION', handlerType: 'OPTIMISTIC_CONCURRENCY' },
      },
      // Field errors only. AppSync's excludeVerboseContent leaves out the query, headers,
      // context and evaluated mapping templates, where a check-in's variables would appear.
      logging: {
        fieldLogLevel: FieldLogLevel.ERROR,
        excludeVerboseContent: true,
        retention: props.logRetentionDays as RetentionDays,
      },
    });

    const checkInTable = api.resources.cfnResources.cfnTables[checkInModelName];
    if (!checkInTable) {
      throw new Error(`The sync schema has no ${checkInModelName} model; check ${syncSchemaPath}.`);
    }
    checkInTable.streamSpecification = { streamViewType: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES };
    checkInTable.pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true };
    checkInTable.sseSpecification = { sseEnabled: true };
    // AppSync expires deleted records by `_ttl`, and ingest sets it on each record a few days
    // after its register entry is stored, so the sealed guest data does not stay here.
    checkInTable.timeToLiveSpecification = { attributeName: checkInTtlAttribute, enabled: true };
    checkInTable.applyRemovalPolicy(props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);

    const deviceCheck = new ActiveDeviceCheck(this, 'ActiveDeviceCheck', { api, directoryTable: props.directoryTable });
    this.checkInTable = api.resources.tables[checkInModelName];
    new CheckInDeliveryQuery(this, 'CheckInDeliveryQuery', { api, checkInTable: this.checkInTable, deviceCheck });

    this.graphqlUrl = api.graphqlUrl;
  }
}
