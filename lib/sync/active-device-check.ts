import path from 'node:path';
import type { AmplifyGraphqlApi } from '@aws-amplify/graphql-api-construct';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Root types whose resolvers reach check-in data: every one of them checks the device first. */
const guardedTypeNames = new Set(['Query', 'Mutation', 'Subscription']);

const templateDirectory = path.join(__dirname, 'active-device');

/**
 * Puts a device check in front of every query, mutation and subscription of the sync API. The
 * check reads the caller's device from the Directory table (read-only), and fails the request
 * as `Unauthorized` unless the device is active and any facility the request names is its own.
 * It puts the device's ids in the stash as `activeDevice` for the functions after it.
 * The local AppSync simulator loads the same resolvers and templates from cdk.out.
 */
export class ActiveDeviceCheck extends Construct {
  readonly function: appsync.AppsyncFunction;
  /** Read-only data source of the Directory table, where the check finds devices by Cognito username. */
  readonly directory: appsync.DynamoDbDataSource;

  constructor(scope: Construct, id: string, props: { api: AmplifyGraphqlApi; directoryTable: dynamodb.ITable }) {
    super(scope, id);
    const graphqlApi = props.api.resources.graphqlApi;
    this.directory = new appsync.DynamoDbDataSource(this, 'DeviceDirectory', {
      api: graphqlApi,
      table: props.directoryTable,
      name: 'DeviceDirectory',
      description: 'Kiosk devices of the Directory table, read to refuse revoked devices',
      readOnlyAccess: true,
    });
    this.function = new appsync.AppsyncFunction(this, 'Function', {
      api: graphqlApi,
      dataSource: this.directory,
      name: 'requireActiveDevice',
      requestMappingTemplate: appsync.MappingTemplate.fromFile(path.join(templateDirectory, 'request.vtl')),
      responseMappingTemplate: appsync.MappingTemplate.fromFile(path.join(templateDirectory, 'response.vtl')),
    });

    for (const resolver of Object.values(props.api.resources.cfnResources.cfnResolvers)) {
      if (!guardedTypeNames.has(resolver.typeName)) continue;
      const pipeline = resolver.pipelineConfig as appsync.CfnResolver.PipelineConfigProperty | undefined;
      if (resolver.kind !== 'PIPELINE' || !pipeline) {
        throw new Error(`Resolver ${resolver.typeName}.${resolver.fieldName} is not a pipeline; the device check cannot run first.`);
      }
      resolver.pipelineConfig = { functions: [this.function.functionId, ...(pipeline.functions ?? [])] };
    }
  }
}
