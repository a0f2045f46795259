import type { Server } from 'node:http';
import {
  AmplifyAppSyncSimulator,
  AmplifyAppSyncSimulatorAuthenticationType,
  RESOLVER_KIND,
  addDataLoader,
  removeDataLoader,
  type AmplifyAppSyncSimulatorConfig,
  type AppSyncSimulatorDataSourceConfig,
  type AppSyncSimulatorDataSourceType,
} from '@aws-amplify/amplify-appsync-simulator';
import { loadCdkOut, type CdkOut } from '../cdk-out';
import { localRegion } from '../ports';
import { assertPortFree } from '../ports-check';
import { ensureLocalTlsCertificate, type LocalTlsCertificate } from '../tls';
import { guardSimulatorServer } from './realtime-auth';
import type { SynthesizedGraphqlApi } from './synthesized-api';
import { widenSimulatorTimestamp } from './timestamp-scalar';
import { VersionedDynamoDbLoader, type VersionedDynamoDbDataSource } from './versioned-dynamodb-loader';
import { applyVtlFixes } from './vtl-fixes';

/**
 * Local AppSync: `@aws-amplify/amplify-appsync-simulator` loaded with the schema, resolvers and
 * VTL of a synthesized cdk.out and served over HTTPS on 127.0.0.1. It adds what DataStore needs:
 * a versioned DynamoDB loader, a 64-bit AWSTimestamp, realtime subprotocol auth and VTL rewrites.
 * package.json pins the simulator to 2.16.20 because this code reaches into its internals.
 * Node only: never import this from the kiosk or admin-web bundles.
 */

export interface StartLocalAppSyncOptions {
  /** Synthesized cloud assembly: a loaded one, or the path of its directory. */
  readonly cdkOut: CdkOut | string;
  /** API to serve when the assembly has several; default the only one. */
  readonly apiName?: string;
  /** DynamoDB Local endpoint; the tables must exist already (see `createTables`). */
  readonly dynamoEndpoint: string;
  /** Local user pool id; tokens of any other pool are rejected. */
  readonly userPoolId: string;
  /** Loopback port for both GraphQL (`/graphql`) and the realtime socket (`/graphql/realtime`). */
  readonly port: number;
  /** Certificate to serve; default the shared one under .local/tls/. */
  readonly tls?: LocalTlsCertificate;
}

export interface LocalAppSync {
  /** `https://127.0.0.1:<port>/graphql`, the value for `graphqlUrl` in the apps' config.json. */
  readonly graphqlUrl: string;
  readonly realtimeUrl: string;
  readonly api: SynthesizedGraphqlApi;
  stop(): Promise<void>;
}

let versionedLoaderInstalled = false;

/** Replaces the simulator's DynamoDB loader; the registry is global to the simulator module. */
function installVersionedLoader(): void {
  if (versionedLoaderInstalled) return;
  removeDataLoader('AMAZON_DYNAMODB' as AppSyncSimulatorDataSourceType);
  addDataLoader('AMAZON_DYNAMODB' as AppSyncSimulatorDataSourceType, VersionedDynamoDbLoader as never);
  widenSimulatorTimestamp();
  versionedLoaderInstalled = true;
}

function selectApi(cdkOut: CdkOut, apiName: string | undefined): SynthesizedGraphqlApi {
  const names = cdkOut.graphqlApis.map((api) => api.name);
  const api = apiName
    ? cdkOut.graphqlApis.find((candidate) => candidate.name === apiName)
    : cdkOut.graphqlApis.length === 1
      ? cdkOut.graphqlApis[0]
      : undefined;
  if (!api) {
    throw new Error(
      `No single AppSync API ${apiName ?? ''} in the cdk.out (found: ${names.join(', ') || 'none'}). ` +
        'Run `cdk synth` for one stage, or pass apiName.',
    );
  }
  return api;
}

/** Translates a synthesized API into the simulator's configuration. */
export function toSimulatorConfig(
  api: SynthesizedGraphqlApi,
  dynamoEndpoint: string,
): AmplifyAppSyncSimulatorConfig {
  const mappingTemplates: { path: string; content: string }[] = [];
  const addTemplate = (path: string, content: string): string => {
    mappingTemplates.push({ path, content: applyVtlFixes(content) });
    return path;
  };

  const dataSources = api.dataSources.map((source): AppSyncSimulatorDataSourceConfig => {
    if (source.type === 'NONE') return { name: source.name, type: 'NONE' };
    if (source.type !== 'AMAZON_DYNAMODB' || !source.tableName) {
      throw new Error(`Data source ${source.name} of type ${source.type} is not supported by the local AppSync.`);
    }
    const dynamoSource: VersionedDynamoDbDataSource = {
      name: source.name,
      type: 'AMAZON_DYNAMODB',
      config: { endpoint: dynamoEndpoint, region: localRegion, tableName: source.tableName },
      options: { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
      versioned: source.versioned,
      deletedItemTtlMinutes: source.baseTableTtlMinutes,
    };
    return dynamoSource as unknown as AppSyncSimulatorDataSourceConfig;
  });

  // AppSync lets a function or resolver omit a template; these are its documented defaults.
  const functions = api.functions.map((fn) => ({
    name: fn.id,
    dataSourceName: fn.dataSourceName,
    requestMappingTemplateLocation: addTemplate(`${fn.id}.req.vtl`, fn.requestMappingTemplate ?? '{}'),
    responseMappingTemplateLocation: addTemplate(
      `${fn.id}.res.vtl`,
      fn.responseMappingTemplate ?? '$util.toJson($ctx.result)',
    ),
  }));

  const resolvers = api.resolvers.map((resolver) => {
    const id = `${resolver.typeName}.${resolver.fieldName}`;
    const requestMappingTemplateLocation = addTemplate(
      `${id}.req.vtl`,
      resolver.requestMappingTemplate ?? '$util.toJson({})',
    );
    if (resolver.kind === 'PIPELINE') {
      return {
        kind: RESOLVER_KIND.PIPELINE as const,
        typeName: resolver.typeName,
        fieldName: resolver.fieldName,
        functions: [...resolver.functionIds],
        requestMappingTemplateLocation,
        responseMappingTemplateLocation: addTemplate(
          `${id}.res.vtl`,
          resolver.responseMappingTemplate ?? '$util.toJson($ctx.prev.result)',
        ),
      };
    }
    return {
      kind: RESOLVER_KIND.UNIT as const,
      typeName: resolver.typeName,
      fieldName: resolver.fieldName,
      dataSourceName: resolver.dataSourceName!,
      requestMappingTemplateLocation,
      responseMappingTemplateLocation: addTemplate(
        `${id}.res.vtl`,
        resolver.responseMappingTemplate ?? '$util.toJson($ctx.result)',
      ),
    };
  });

  const authentication = (type: string) => {
    if (type !== 'AMAZON_COGNITO_USER_POOLS') {
      throw new Error(`Authorization mode ${type} of API ${api.name} is not supported by the local AppSync.`);
    }
    return {
      authenticationType: AmplifyAppSyncSimulatorAuthenticationType.AMAZON_COGNITO_USER_POOLS as const,
      cognitoUserPoolConfig: {},
    };
  };

  return {
    schema: { path: 'schema.graphql', content: api.schema },
    dataSources,
    functions,
    resolvers,
    mappingTemplates,
    appSync: {
      name: api.name,
      defaultAuthenticationType: authentication(api.defaultAuthenticationType),
      additionalAuthenticationProviders: api.additionalAuthenticationTypes.map(authentication),
    },
  };
}

/** Starts the local AppSync on 127.0.0.1:`port`; resolves once it accepts connections. */
export async function startLocalAppSync(options: StartLocalAppSyncOptions): Promise<LocalAppSync> {
  const cdkOut = typeof options.cdkOut === 'string' ? loadCdkOut(options.cdkOut) : options.cdkOut;
  const api = selectApi(cdkOut, options.apiName);
  const tls = options.tls ?? (await ensureLocalTlsCertificate());
  await assertPortFree(options.port, 'local AppSync');

  installVersionedLoader();
  const simulator = new AmplifyAppSyncSimulator({
    port: options.port,
    httpsConfig: { sslKeyPath: tls.keyPath, sslCertPath: tls.certPath },
  });
  simulator.init(toSimulatorConfig(api, options.dynamoEndpoint));

  // The simulator's own start() listens on every interface; starting its parts here keeps the
  // server on loopback. These fields are internals of simulator 2.16.20.
  const internals = (simulator as unknown as {
    _server: {
      _httpServer: Server;
      _realTimeSubscriptionServer: {
        start(): void;
        realtimeServer: {
          webSocketServer?: { clients: Set<{ terminate(): void }> };
          setupPing(connection: { pingIntervalHandle?: NodeJS.Timeout | null }): void;
        };
      };
    };
  })._server;
  const server = internals._httpServer;
  guardSimulatorServer(server, options.userPoolId);
  clearPingBeforeSetup(internals._realTimeSubscriptionServer.realtimeServer);
  internals._realTimeSubscriptionServer.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const origin = `https://127.0.0.1:${options.port}`;
  return {
    graphqlUrl: `${origin}/graphql`,
    realtimeUrl: `wss://127.0.0.1:${options.port}/graphql/realtime`,
    api,
    async stop() {
      // ws 8 leaves open sockets alive when its server closes, so end them first.
      for (const socket of internals._realTimeSubscriptionServer.realtimeServer.webSocketServer?.clients ?? []) {
        socket.terminate();
      }
      await simulator.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

/**
 * Simulator 2.16.20 starts the keep-alive ping of a realtime connection twice and clears only
 * the second interval when the connection closes. The first one runs forever and keeps the
 * Node process (a test run, `npm start`) from exiting, so each new ping first clears the last.
 */
function clearPingBeforeSetup(realtimeServer: {
  setupPing(connection: { pingIntervalHandle?: NodeJS.Timeout | null }): void;
}): void {
  const setupPing = realtimeServer.setupPing;
  realtimeServer.setupPing = (connection) => {
    if (connection.pingIntervalHandle) clearInterval(connection.pingIntervalHandle);
    setupPing(connection);
  };
}

export { createTables, loadCdkOut } from '../cdk-out';
export { modelTableName } from './synthesized-api';
