import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { readGraphqlApis, type SynthesizedGraphqlApi } from './appsync/synthesized-api';
import { localRegion } from './ports';

/**
 * Reader of a synthesized cloud assembly (cdk.out), so that the local runtime serves exactly
 * what CDK deploys. It evaluates the few CloudFormation intrinsics the product's templates use.
 * Any other intrinsic fails with an error naming the stack and the property path.
 */

/** Value of AWS::AccountId locally, because no AWS account is involved. */
export const localAccountId = '000000000000';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CfnResource {
  Type: string;
  Properties?: JsonObject;
  Condition?: string;
}

interface CfnTemplate {
  Parameters?: Record<string, { Default?: Json }>;
  Conditions?: Record<string, Json>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: Json; Export?: { Name: Json } }>;
}

/** One template of the assembly, top-level or nested, with the values its intrinsics resolve to. */
export class StackTemplate {
  readonly resources: Record<string, CfnResource>;
  private readonly parameters: Record<string, Json>;
  private readonly conditionCache = new Map<string, boolean>();

  constructor(
    /** Artifact id of the top-level stack, e.g. `dev-Sync`. */
    readonly stackId: string,
    /** Artifact id plus the logical ids of the nested stack resources leading to this one. */
    readonly stackPath: string,
    private readonly template: CfnTemplate,
    parameterValues: Record<string, Json>,
    private readonly assets: AssetIndex,
    private readonly assembly: Assembly,
  ) {
    this.resources = template.Resources ?? {};
    this.parameters = {};
    for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
      const value = parameterValues[name] ?? parameter.Default;
      if (value !== undefined) this.parameters[name] = value;
    }
  }

  /** Evaluates Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::If, Fn::Select, Fn::Split, Fn::ImportValue. */
  resolve(value: Json | undefined, where = ''): Json {
    if (value === undefined) return null;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      return value.map((item) => this.resolve(item, where)).filter((item) => item !== noValue);
    }

    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) {
      return this.resolveIntrinsic(keys[0]!, value[keys[0]!]!, where);
    }
    const resolved: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const itemValue = this.resolve(item, `${where}.${key}`);
      if (itemValue !== noValue) resolved[key] = itemValue;
    }
    return resolved;
  }

  /** Resolves a value that must be a string, such as a table name or a template location. */
  resolveString(value: Json | undefined, where: string): string {
    const resolved = this.resolve(value, where);
    if (typeof resolved !== 'string') {
      throw new Error(`${this.stackPath}${where}: expected a string, got ${JSON.stringify(resolved)}.`);
    }
    return resolved;
  }

  /** Reads the cdk.out file behind an `s3://<assets bucket>/<hash>.<ext>` location. */
  readAssetText(s3Location: Json | undefined, where: string): string {
    const url = this.resolveString(s3Location, where);
    const hash = path.posix.basename(url).replace(/\.[^.]+$/, '');
    return readFileSync(this.assets.pathOf(hash, `${this.stackPath}${where}`), 'utf8');
  }

  isConditionTrue(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const definition = this.template.Conditions?.[name];
    if (definition === undefined) throw new Error(`${this.stackPath}: condition ${name} not found.`);
    const result = this.evaluateCondition(definition, `Conditions.${name}`);
    this.conditionCache.set(name, result);
    return result;
  }

  /** Resources of the given type whose Condition, if any, holds. */
  resourcesOfType(type: string): [string, CfnResource][] {
    return Object.entries(this.resources).filter(
      ([, resource]) =>
        resource.Type === type && (!resource.Condition || this.isConditionTrue(resource.Condition)),
    );
  }

  outputExports(): Map<string, Json> {
    const exports = new Map<string, Json>();
    for (const [name, output] of Object.entries(this.template.Outputs ?? {})) {
      if (!output.Export) continue;
      exports.set(this.resolveString(output.Export.Name, `Outputs.${name}.Export`), output.Value);
    }
    return exports;
  }

  private evaluateCondition(definition: Json, where: string): boolean {
    if (typeof definition === 'boolean') return definition;
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw new Error(`${this.stackPath}.${where}: unsupported condition ${JSON.stringify(definition)}.`);
    }
    const [key] = Object.keys(definition);
    const argument = definition[key!]!;
    const items = Array.isArray(argument) ? argument : [argument];
    switch (key) {
      case 'Condition':
        return this.isConditionTrue(argument as string);
      case 'Fn::Equals':
        return (
          JSON.stringify(this.resolve(items[0], where)) === JSON.stringify(this.resolve(items[1], where))
        );
      case 'Fn::Not':
        return !this.evaluateCondition(items[0]!, where);
      case 'Fn::And':
        return items.every((item) => this.evaluateCondition(item, where));
      case 'Fn::Or':
        return items.some((item) => this.evaluateCondition(item, where));
      default:
        throw new Error(`${this.stackPath}.${where}: unsupported condition function ${key}.`);
    }
  }

  private resolveIntrinsic(name: string, argument: Json, where: string): Json {
    switch (name) {
      case 'Ref':
        return this.resolveRef(argument as string, where);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? (argument as string[])
          : (argument as string).split(/\.(.*)/);
        return this.resolveGetAtt(logicalId!, attribute!, where);
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, Json[]];
        return (this.resolve(parts, where) as Json[]).map(String).join(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument)
          ? (argument as [string, JsonObject])
          : [argument as string, {}];
        return text.replace(/\$\{([^}!]+)\}/g, (_, reference: string) => {
          if (reference in variables) return String(this.resolve(variables[reference], where));
          const [logicalId, attribute] = reference.split(/\.(.*)/);
          return String(
            attribute
              ? this.resolveGetAtt(logicalId!, attribute, where)
              : this.resolveRef(logicalId!, where),
          );
        });
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = argument as [string, Json, Json];
        return this.resolve(this.isConditionTrue(condition) ? whenTrue : whenFalse, where);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [Json, Json];
        return (this.resolve(list, where) as Json[])[Number(this.resolve(index, where))] ?? null;
      }
      case 'Fn::Split': {
        const [separator, text] = argument as [string, Json];
        return String(this.resolve(text, where)).split(separator);
      }
      case 'Fn::ImportValue':
        return this.assembly.importValue(this.resolveString(argument, where), `${this.stackPath}${where}`);
      default:
        throw new Error(`${this.stackPath}${where}: intrinsic ${name} is not supported locally; add it to local/cdk-out.ts.`);
    }
  }

  private resolveRef(name: string, where: string): Json {
    switch (name) {
      case 'AWS::NoValue':
        return noValue;
      case 'AWS::Region':
        return localRegion;
      case 'AWS::AccountId':
        return localAccountId;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stackId;
    }
    if (name in this.parameters) return this.resolve(this.parameters[name], where);
    const resource = this.resources[name];
    if (!resource) throw new Error(`${this.stackPath}${where}: Ref ${name} names no parameter or resource.`);
    if (isTableType(resource.Type)) return localTableName(this, name, resource);
    return `${this.stackId}-${name}`;
  }

  private resolveGetAtt(logicalId: string, attribute: string, where: string): Json {
    const resource = this.resources[logicalId];
    if (!resource) throw new Error(`${this.stackPath}${where}: GetAtt ${logicalId} names no resource.`);
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::AppSync::GraphQLApi' && attribute === 'ApiId') {
      // The API's name is unique per stage, so it replaces the id that AppSync would generate.
      return this.resolveString(properties.Name, `${where}(${logicalId}.Name)`);
    }
    if (resource.Type === 'AWS::AppSync::DataSource' && attribute === 'Name') {
      return this.resolve(properties.Name, where);
    }
    if (resource.Type === 'AWS::AppSync::FunctionConfiguration' && attribute === 'FunctionId') {
      return functionId(this, logicalId);
    }
    if (resource.Type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      return this.assembly.nestedStack(this, logicalId).resolveOutput(attribute.slice('Outputs.'.length));
    }
    return `${this.stackId}-${logicalId}-${attribute}`;
  }

  resolveOutput(name: string): Json {
    const output = this.template.Outputs?.[name];
    if (!output) throw new Error(`${this.stackPath}: output ${name} not found.`);
    return this.resolve(output.Value, `.Outputs.${name}`);
  }
}

/** Marker for Ref AWS::NoValue: the enclosing property or list item is dropped. */
const noValue = Symbol('AWS::NoValue') as unknown as Json;

/** Local id of an AppSync function, unique across nested stacks. */
export function functionId(stack: StackTemplate, logicalId: string): string {
  return `${stack.stackPath}/${logicalId}`;
}

class AssetIndex {
  private readonly paths = new Map<string, string>();

  constructor(private readonly outDir: string) {}

  addManifest(file: string): void {
    const manifest = JSON.parse(readFileSync(path.join(this.outDir, file), 'utf8')) as {
      files?: Record<string, { source: { path: string } }>;
    };
    for (const [hash, entry] of Object.entries(manifest.files ?? {})) {
      this.paths.set(hash, path.join(this.outDir, entry.source.path));
    }
  }

  pathOf(hash: string, where: string): string {
    const file = this.paths.get(hash);
    if (!file) throw new Error(`${where}: asset ${hash} is not in any *.assets.json of the cdk.out.`);
    return file;
  }
}

/** Every template of one cloud assembly, top-level stacks first, then their nested stacks. */
class Assembly {
  readonly stacks: StackTemplate[] = [];
  private readonly assets: AssetIndex;
  private exports: Map<string, { stack: StackTemplate; value: Json }> | undefined;
  private readonly nested = new Map<string, StackTemplate>();

  constructor(readonly outDir: string, includeStack: (stackId: string) => boolean) {
    this.assets = new AssetIndex(outDir);
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
      artifacts?: Record<string, { type: string; properties?: { file?: string; templateFile?: string } }>;
    };
    const artifacts = Object.entries(manifest.artifacts ?? {});
    for (const [, artifact] of artifacts) {
      if (artifact.type === 'cdk:asset-manifest' && artifact.properties?.file) {
        this.assets.addManifest(artifact.properties.file);
      }
    }
    for (const [stackId, artifact] of artifacts) {
      if (artifact.type !== 'aws:cloudformation:stack' || !includeStack(stackId)) continue;
      const templateFile = path.join(outDir, artifact.properties!.templateFile!);
      const template = JSON.parse(readFileSync(templateFile, 'utf8')) as CfnTemplate;
      this.addWithNested(new StackTemplate(stackId, stackId, template, {}, this.assets, this));
    }
  }

  nestedStack(parent: StackTemplate, logicalId: string): StackTemplate {
    const key = `${parent.stackPath}/${logicalId}`;
    const existing = this.nested.get(key);
    if (existing) return existing;

    const properties = parent.resources[logicalId]!.Properties ?? {};
    const templateUrl = parent.resolveString(properties.TemplateURL, `.${logicalId}.TemplateURL`);
    const hash = path.posix.basename(templateUrl).replace(/\.json$/, '');
    const template = JSON.parse(readFileSync(this.assets.pathOf(hash, key), 'utf8')) as CfnTemplate;
    const parameterValues: Record<string, Json> = {};
    for (const [name, value] of Object.entries((properties.Parameters ?? {}) as JsonObject)) {
      parameterValues[name] = parent.resolve(value, `.${logicalId}.Parameters.${name}`);
    }
    const stack = new StackTemplate(parent.stackId, key, template, parameterValues, this.assets, this);
    this.nested.set(key, stack);
    return stack;
  }

  importValue(name: string, where: string): Json {
    if (!this.exports) {
      this.exports = new Map();
      for (const stack of this.stacks) {
        for (const [exportName, value] of stack.outputExports()) this.exports.set(exportName, { stack, value });
      }
    }
    const exported = this.exports.get(name);
    if (!exported) throw new Error(`${where}: no stack of the cdk.out exports ${name}.`);
    return exported.stack.resolve(exported.value, `.Outputs(${name})`);
  }

  private addWithNested(stack: StackTemplate): void {
    this.stacks.push(stack);
    for (const [logicalId] of stack.resourcesOfType('AWS::CloudFormation::Stack')) {
      this.addWithNested(this.nestedStack(stack, logicalId));
    }
  }
}

// --- DynamoDB tables -------------------------------------------------------------------------

const tableTypes = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'Custom::AmplifyDynamoDBTable'];

function isTableType(type: string): boolean {
  return tableTypes.includes(type);
}

/**
 * Local name of a table: the name the template gives it (with the AppSync API's name in place of
 * its generated id), or `<stack id>-<logical id>` when CloudFormation would generate one.
 */
function localTableName(stack: StackTemplate, logicalId: string, resource: CfnResource): string {
  const properties = resource.Properties ?? {};
  const nameProperty = properties.TableName ?? properties.tableName;
  if (nameProperty !== undefined) return stack.resolveString(nameProperty, `.${logicalId}.TableName`);
  return `${stack.stackId}-${logicalId}`;
}

export interface LocalTable {
  readonly stackId: string;
  readonly logicalId: string;
  /** Path of the construct in the CDK tree when the cdk.out records it (`aws:cdk:path`). */
  readonly constructPath?: string;
  readonly createTableInput: CreateTableCommandInput & { TableName: string };
  /** TTL attribute, enabled with UpdateTimeToLive after the table is created. */
  readonly timeToLiveAttribute?: string;
}

/** Converts the camelCase properties of Amplify's custom table resource to the CloudFormation case. */
function toPascalCase(value: Json): Json {
  if (Array.isArray(value)) return value.map(toPascalCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key[0]!.toUpperCase() + key.slice(1), toPascalCase(item)]),
  );
}

function toLocalTable(stack: StackTemplate, logicalId: string, resource: CfnResource): LocalTable {
  let properties = stack.resolve(resource.Properties ?? {}, `.${logicalId}.Properties`) as JsonObject;
  if (resource.Type === 'Custom::AmplifyDynamoDBTable') properties = toPascalCase(properties) as JsonObject;

  const stream = properties.StreamSpecification as { StreamViewType?: string } | undefined;
  const indexes = (properties.GlobalSecondaryIndexes ?? []) as JsonObject[];
  const ttl = properties.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  const metadata = (resource as { Metadata?: Record<string, string> }).Metadata;

  // Every table is created on demand, because DynamoDB Local ignores provisioned throughput.
  const createTableInput: LocalTable['createTableInput'] = {
    TableName: localTableName(stack, logicalId, resource),
    AttributeDefinitions: properties.AttributeDefinitions as unknown as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: properties.KeySchema as unknown as CreateTableCommandInput['KeySchema'],
    BillingMode: 'PAY_PER_REQUEST',
  };
  if (indexes.length > 0) {
    createTableInput.GlobalSecondaryIndexes = indexes.map((index) => ({
      IndexName: index.IndexName as string,
      KeySchema: index.KeySchema as never,
      Projection: index.Projection as never,
    }));
  }
  if (properties.LocalSecondaryIndexes) {
    createTableInput.LocalSecondaryIndexes = properties.LocalSecondaryIndexes as never;
  }
  if (stream?.StreamViewType) {
    createTableInput.StreamSpecification = {
      StreamEnabled: true,
      StreamViewType: stream.StreamViewType as 'NEW_AND_OLD_IMAGES',
    };
  }
  return {
    stackId: stack.stackId,
    logicalId,
    constructPath: metadata?.['aws:cdk:path'],
    createTableInput,
    timeToLiveAttribute: ttl?.Enabled === false ? undefined : ttl?.AttributeName,
  };
}

// --- Public API ------------------------------------------------------------------------------

export interface CdkOut {
  /** Every DynamoDB table of the loaded stacks, nested stacks included. */
  readonly tables: readonly LocalTable[];
  readonly graphqlApis: readonly SynthesizedGraphqlApi[];
  /**
   * Resolves an output of a nested stack, e.g. the CheckIn table name that the Sync stack passes
   * on from its AppSync nested stack. `stackId` is the parent's artifact id.
   */
  nestedStackOutput(stackId: string, nestedLogicalId: string, outputName: string): Json;
}

export interface LoadCdkOutOptions {
  /** Selects the top-level stacks to load by artifact id, e.g. those of one stage; default all. */
  readonly includeStack?: (stackId: string) => boolean;
}

/** Reads a synthesized cdk.out directory (run `cdk synth` first). */
export function loadCdkOut(outDir: string, options: LoadCdkOutOptions = {}): CdkOut {
  const assembly = new Assembly(outDir, options.includeStack ?? (() => true));
  const tables: LocalTable[] = [];
  for (const stack of assembly.stacks) {
    for (const type of tableTypes) {
      for (const [logicalId, resource] of stack.resourcesOfType(type)) {
        tables.push(toLocalTable(stack, logicalId, resource));
      }
    }
  }
  return {
    tables,
    graphqlApis: readGraphqlApis(assembly.stacks),
    nestedStackOutput: (stackId, nestedLogicalId, outputName) => {
      const parent = assembly.stacks.find((stack) => stack.stackPath === stackId);
      if (!parent) throw new Error(`Stack ${stackId} not found in ${outDir}.`);
      return assembly.nestedStack(parent, nestedLogicalId).resolveOutput(outputName);
    },
  };
}

/**
 * Creates the tables in DynamoDB Local. Idempotent: a table that already exists is left as it
 * is, so a second run against the same database changes nothing.
 */
export async function createTables(dynamoEndpoint: string, tables: readonly LocalTable[]): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: localRegion,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const table of tables) {
      try {
        await client.send(new CreateTableCommand(table.createTableInput));
      } catch (error) {
        if (error instanceof ResourceInUseException) continue;
        throw new Error(`Creating table ${table.createTableInput.TableName} failed: ${String(error)}`, {
          cause: error,
        });
      }
      if (table.timeToLiveAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: table.createTableInput.TableName,
            TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
          }),
        );
      }
    }
  } finally {
    client.destroy();
  }
}
