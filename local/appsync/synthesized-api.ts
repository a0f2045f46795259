import { functionId, type JsonObject, type StackTemplate } from '../cdk-out';

/**
 * AppSync APIs as a synthesized cdk.out defines them: schema, data sources, pipeline functions
 * and resolvers with their VTL text. Kept apart from the simulator so that it can be read and
 * tested without starting a server.
 */

export interface SynthesizedDataSource {
  readonly name: string;
  readonly type: 'AMAZON_DYNAMODB' | 'NONE' | 'AWS_LAMBDA' | string;
  /** Local table name, for DynamoDB data sources. */
  readonly tableName?: string;
  /** True when AppSync adds `_version`, `_lastChangedAt` and `_deleted` (conflict detection). */
  readonly versioned: boolean;
  /** Name of the delta sync table, when the data source has one. */
  readonly deltaSyncTableName?: string;
  /** Minutes a soft-deleted item stays in the base table (DeltaSyncConfig.BaseTableTTL). */
  readonly baseTableTtlMinutes?: number;
}

export interface SynthesizedFunction {
  /** Local id: the stack path and logical id of the FunctionConfiguration. */
  readonly id: string;
  readonly name: string;
  readonly dataSourceName: string;
  readonly requestMappingTemplate?: string;
  readonly responseMappingTemplate?: string;
}

export interface SynthesizedResolver {
  readonly typeName: string;
  readonly fieldName: string;
  readonly kind: 'UNIT' | 'PIPELINE';
  readonly dataSourceName?: string;
  /** Function ids in pipeline order, for PIPELINE resolvers. */
  readonly functionIds: readonly string[];
  readonly requestMappingTemplate?: string;
  readonly responseMappingTemplate?: string;
}

export interface SynthesizedGraphqlApi {
  /** The API's name, also used in place of its generated id in the local table names. */
  readonly name: string;
  readonly defaultAuthenticationType: string;
  readonly additionalAuthenticationTypes: readonly string[];
  /** Transformed schema, with the sync fields and queries when conflict detection is on. */
  readonly schema: string;
  readonly dataSources: readonly SynthesizedDataSource[];
  readonly functions: readonly SynthesizedFunction[];
  readonly resolvers: readonly SynthesizedResolver[];
}

function readTemplate(
  stack: StackTemplate,
  properties: JsonObject,
  kind: 'Request' | 'Response',
  where: string,
): string | undefined {
  const inline = properties[`${kind}MappingTemplate`];
  if (inline !== undefined) return stack.resolveString(inline, `${where}.${kind}MappingTemplate`);
  const location = properties[`${kind}MappingTemplateS3Location`];
  if (location !== undefined) return stack.readAssetText(location, `${where}.${kind}MappingTemplateS3Location`);
  return undefined;
}

/** Collects every AppSync API of the given templates; nested stacks are matched by API id. */
export function readGraphqlApis(stacks: readonly StackTemplate[]): SynthesizedGraphqlApi[] {
  const apis: SynthesizedGraphqlApi[] = [];
  for (const apiStack of stacks) {
    for (const [apiLogicalId, apiResource] of apiStack.resourcesOfType('AWS::AppSync::GraphQLApi')) {
      const apiProperties = (apiResource.Properties ?? {}) as JsonObject;
      const name = apiStack.resolveString(apiProperties.Name, `.${apiLogicalId}.Name`);
      const belongsToApi = (stack: StackTemplate, properties: JsonObject, where: string) =>
        stack.stackId === apiStack.stackId && stack.resolve(properties.ApiId, where) === name;

      let schema: string | undefined;
      const dataSources: SynthesizedDataSource[] = [];
      const functions: SynthesizedFunction[] = [];
      const resolvers: SynthesizedResolver[] = [];

      for (const stack of stacks) {
        for (const [logicalId, resource] of Object.entries(stack.resources)) {
          const properties = (resource.Properties ?? {}) as JsonObject;
          const where = `.${logicalId}`;
          if (!resource.Type.startsWith('AWS::AppSync::') || resource.Type === 'AWS::AppSync::GraphQLApi') continue;
          if (!belongsToApi(stack, properties, `${where}.ApiId`)) continue;

          switch (resource.Type) {
            case 'AWS::AppSync::GraphQLSchema':
              schema =
                properties.Definition !== undefined
                  ? stack.resolveString(properties.Definition, `${where}.Definition`)
                  : stack.readAssetText(properties.DefinitionS3Location, `${where}.DefinitionS3Location`);
              break;
            case 'AWS::AppSync::DataSource': {
              const dynamo = stack.resolve(properties.DynamoDBConfig, `${where}.DynamoDBConfig`) as
                | {
                    TableName?: string;
                    Versioned?: boolean;
                    DeltaSyncConfig?: { DeltaSyncTableName?: string; BaseTableTTL?: string };
                  }
                | null;
              dataSources.push({
                name: stack.resolveString(properties.Name, `${where}.Name`),
                type: stack.resolveString(properties.Type, `${where}.Type`),
                tableName: dynamo?.TableName,
                versioned: dynamo?.Versioned === true,
                deltaSyncTableName: dynamo?.DeltaSyncConfig?.DeltaSyncTableName,
                baseTableTtlMinutes: dynamo?.DeltaSyncConfig?.BaseTableTTL
                  ? Number(dynamo.DeltaSyncConfig.BaseTableTTL)
                  : undefined,
              });
              break;
            }
            case 'AWS::AppSync::FunctionConfiguration':
              functions.push({
                id: functionId(stack, logicalId),
                name: stack.resolveString(properties.Name, `${where}.Name`),
                dataSourceName: stack.resolveString(properties.DataSourceName, `${where}.DataSourceName`),
                requestMappingTemplate: readTemplate(stack, properties, 'Request', where),
                responseMappingTemplate: readTemplate(stack, properties, 'Response', where),
              });
              break;
            case 'AWS::AppSync::Resolver': {
              const pipeline = stack.resolve(properties.PipelineConfig, `${where}.PipelineConfig`) as
                | { Functions?: string[] }
                | null;
              resolvers.push({
                typeName: stack.resolveString(properties.TypeName, `${where}.TypeName`),
                fieldName: stack.resolveString(properties.FieldName, `${where}.FieldName`),
                kind: properties.Kind === 'PIPELINE' ? 'PIPELINE' : 'UNIT',
                dataSourceName:
                  properties.DataSourceName === undefined
                    ? undefined
                    : stack.resolveString(properties.DataSourceName, `${where}.DataSourceName`),
                functionIds: pipeline?.Functions ?? [],
                requestMappingTemplate: readTemplate(stack, properties, 'Request', where),
                responseMappingTemplate: readTemplate(stack, properties, 'Response', where),
              });
              break;
            }
          }
        }
      }

      if (schema === undefined) {
        throw new Error(`${apiStack.stackPath}: AppSync API ${name} has no AWS::AppSync::GraphQLSchema.`);
      }
      const additional = (apiStack.resolve(
        apiProperties.AdditionalAuthenticationProviders,
        `.${apiLogicalId}.AdditionalAuthenticationProviders`,
      ) ?? []) as { AuthenticationType: string }[];
      apis.push({
        name,
        defaultAuthenticationType: apiStack.resolveString(
          apiProperties.AuthenticationType,
          `.${apiLogicalId}.AuthenticationType`,
        ),
        additionalAuthenticationTypes: additional.map((provider) => provider.AuthenticationType),
        schema,
        dataSources,
        functions,
        resolvers,
      });
    }
  }
  return apis;
}

/**
 * Returns the local table name of an @model type, from the data source the Amplify construct
 * names `<Model>Table` (for example `CheckInTable`).
 */
export function modelTableName(api: SynthesizedGraphqlApi, modelName: string): string {
  const dataSource = api.dataSources.find((source) => source.name === `${modelName}Table`);
  if (!dataSource?.tableName) {
    throw new Error(`AppSync API ${api.name} has no DynamoDB data source ${modelName}Table.`);
  }
  return dataSource.tableName;
}
