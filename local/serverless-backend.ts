import { readHttpApiRoutes } from './api-gateway/http-api-routes';
import { fetchJwks } from './api-gateway/jwt-authorizer';
import { startLocalApiGateway } from './api-gateway/server';
import { findResources, type AssemblyStack, type IntrinsicResolver } from './cloud-assembly';
import { functionLogicalIdOf, lambdaDefinitionFromAssembly } from './lambda-runtime/functions-from-assembly';
import { LambdaFunction } from './lambda-runtime/lambda-function';
import { lambdaNode } from './lambda-runtime/lambda-node';
import { startStreamPoller, type StreamPoller } from './stream-poller';

export interface ServerlessBackend {
  readonly apiUrl: string;
  readonly streamPollers: readonly StreamPoller[];
  stop(): Promise<void>;
}

/**
 * Starts what API Gateway, Lambda and the DynamoDB event source mapping do in a deployed stage:
 * the local API gateway for every synthesized HTTP API route, one local Lambda per function,
 * and a stream poller per AWS::Lambda::EventSourceMapping on the table that `streamTableNameOf`
 * finds for the mapping's EventSourceArn.
 */
export async function startApiAndIngest(options: {
  stacks: readonly AssemblyStack[];
  resolver: IntrinsicResolver;
  runtimeEnvironment: Readonly<Record<string, string>>;
  apiPort: number;
  allowedOrigins: readonly string[];
  jwksUrlOf: (issuer: string) => string;
  dynamoEndpoint: string;
  /** Local name of the table whose stream a mapping reads, from the mapping's unresolved EventSourceArn. */
  streamTableNameOf: (eventSourceArn: unknown) => string;
  log: (line: string) => void;
}): Promise<ServerlessBackend> {
  const { stacks, resolver, runtimeEnvironment, log } = options;
  const { warning } = lambdaNode();
  if (warning) log(warning);
  const functions = new Map<string, LambdaFunction>();
  const functionFor = (stack: AssemblyStack, logicalId: string): LambdaFunction => {
    const key = `${stack.artifactId}/${logicalId}`;
    let lambdaFunction = functions.get(key);
    if (!lambdaFunction) {
      lambdaFunction = new LambdaFunction(lambdaDefinitionFromAssembly(stack, logicalId, resolver, runtimeEnvironment), log);
      functions.set(key, lambdaFunction);
    }
    return lambdaFunction;
  };

  const routes = readHttpApiRoutes(stacks, resolver);
  const routeFunctions = new Map(routes.map((route) => [route.routeKey, functionFor(route.stack, route.functionLogicalId)]));
  const jwksByIssuer = new Map<string, { keys: unknown[] }>();
  for (const route of routes) {
    const issuer = route.jwtAuthorizer?.issuer;
    if (issuer && !jwksByIssuer.has(issuer)) jwksByIssuer.set(issuer, await fetchJwks(options.jwksUrlOf(issuer)));
  }

  const pollers: StreamPoller[] = [];
  const stopFunctions = () => Promise.all([...functions.values()].map((lambdaFunction) => lambdaFunction.stop()));
  try {
    for (const { stack, logicalId, resource } of findResources(stacks, 'AWS::Lambda::EventSourceMapping')) {
      const props = resource.Properties ?? {};
      const target = functionFor(stack, functionLogicalIdOf(stack, props.FunctionName, logicalId));
      const filters = ((props.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)?.Filters ?? []).map(
        (filter) => JSON.parse(filter.Pattern) as unknown,
      );
      pollers.push(
        await startStreamPoller({
          dynamoEndpoint: options.dynamoEndpoint,
          tableName: options.streamTableNameOf(props.EventSourceArn),
          invoke: (event) => target.invoke(event),
          batchSize: typeof props.BatchSize === 'number' ? props.BatchSize : 100,
          reportBatchItemFailures: ((props.FunctionResponseTypes as string[] | undefined) ?? []).includes('ReportBatchItemFailures'),
          maximumRetryAttempts: typeof props.MaximumRetryAttempts === 'number' ? props.MaximumRetryAttempts : -1,
          filterPatterns: filters,
          log,
        }),
      );
    }
    const gateway = await startLocalApiGateway({
      port: options.apiPort,
      routes,
      functions: routeFunctions,
      jwksByIssuer,
      allowedOrigins: options.allowedOrigins,
      log,
    });
    return {
      apiUrl: gateway.url,
      streamPollers: pollers,
      stop: async () => {
        await gateway.stop();
        await Promise.all(pollers.map((poller) => poller.stop()));
        await stopFunctions();
      },
    };
  } catch (error) {
    await Promise.all(pollers.map((poller) => poller.stop()));
    await stopFunctions();
    throw error;
  }
}
