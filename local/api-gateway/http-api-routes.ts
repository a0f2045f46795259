import { findResources, type AssemblyStack, type IntrinsicResolver } from '../cloud-assembly';
import { functionLogicalIdOf } from '../lambda-runtime/functions-from-assembly';
import type { JwtAuthorizerConfig } from './jwt-authorizer';

/** One route of a synthesized HTTP API, with what the local gateway needs to serve it. */
export interface HttpApiRoute {
  /** `METHOD /path` as in the route's RouteKey, e.g. `GET /register/{entryId}`. */
  readonly routeKey: string;
  readonly method: string;
  readonly path: string;
  readonly stack: AssemblyStack;
  /** Logical id of the AWS::Lambda::Function behind the route's integration. */
  readonly functionLogicalId: string;
  /** Present exactly when the route has `AuthorizationType: JWT`. */
  readonly jwtAuthorizer?: JwtAuthorizerConfig;
}

/**
 * Reads every AWS::ApiGatewayV2::Route of the assembly and follows it to its Lambda proxy
 * integration, its function and, for JWT routes, its authorizer's issuer and audience.
 */
export function readHttpApiRoutes(stacks: readonly AssemblyStack[], resolver: IntrinsicResolver): HttpApiRoute[] {
  return findResources(stacks, 'AWS::ApiGatewayV2::Route').map(({ stack, logicalId, resource }) => {
    const props = resource.Properties ?? {};
    const routeKey = resolver.resolveString(stack, props.RouteKey, `${logicalId}.RouteKey`);
    const [method, path] = routeKey.split(' ');
    const integrationId = referencedIntegration(stack, props.Target, logicalId);
    const integration = stack.template.Resources?.[integrationId]?.Properties ?? {};
    if (integration.IntegrationType !== 'AWS_PROXY') {
      throw new Error(`Route ${routeKey}: only Lambda proxy integrations are served locally, found ${String(integration.IntegrationType)}.`);
    }
    if (integration.PayloadFormatVersion !== undefined && integration.PayloadFormatVersion !== '2.0') {
      throw new Error(`Route ${routeKey}: only payload format 2.0 is served locally.`);
    }
    const functionLogicalId = functionLogicalIdOf(stack, integration.IntegrationUri, `Integration ${integrationId}`);

    let jwtAuthorizer: JwtAuthorizerConfig | undefined;
    if (props.AuthorizationType === 'JWT') {
      const authorizerId = (props.AuthorizerId as { Ref?: string } | undefined)?.Ref;
      const authorizer = authorizerId ? stack.template.Resources?.[authorizerId] : undefined;
      const jwtConfiguration = authorizer?.Properties?.JwtConfiguration;
      if (!authorizerId || !jwtConfiguration) {
        throw new Error(`Route ${routeKey} uses a JWT authorizer without a JwtConfiguration.`);
      }
      const resolved = resolver.resolve(stack, jwtConfiguration, `${authorizerId}.JwtConfiguration`) as {
        Issuer: string;
        Audience?: string[];
      };
      jwtAuthorizer = { issuer: resolved.Issuer, audience: resolved.Audience ?? [] };
    } else if (props.AuthorizationType !== undefined && props.AuthorizationType !== 'NONE') {
      throw new Error(`Route ${routeKey} uses authorization type ${String(props.AuthorizationType)}, which is not served locally.`);
    }
    return { routeKey, method, path, stack, functionLogicalId, jwtAuthorizer };
  });
}

/** The integration a route targets: CDK writes `Target` as a join of `integrations/` and a Ref. */
function referencedIntegration(stack: AssemblyStack, target: unknown, routeLogicalId: string): string {
  const text = JSON.stringify(target ?? null);
  const match = /"Ref":"([^"]+)"/.exec(text);
  const integrationId = match?.[1];
  if (!integrationId || stack.template.Resources?.[integrationId]?.Type !== 'AWS::ApiGatewayV2::Integration') {
    throw new Error(`Route ${routeLogicalId} in stack ${stack.stackName} does not target an integration of that stack.`);
  }
  return integrationId;
}

/** A request path with a broken percent-encoding, which API Gateway answers with 400. */
export class MalformedPathError extends Error {
  constructor() {
    super('malformed percent-encoding in the request path');
    this.name = 'MalformedPathError';
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MalformedPathError();
  }
}

/**
 * Matches a request path against a route path with `{name}` (one segment) and `{name+}`
 * (the rest of the path) parameters. Returns the decoded parameters, or undefined.
 */
export function matchRoutePath(routePath: string, requestPath: string): Record<string, string> | undefined {
  const routeSegments = routePath.split('/').filter(Boolean);
  const requestSegments = requestPath.split('/').filter(Boolean);
  const parameters: Record<string, string> = {};
  for (let i = 0; i < routeSegments.length; i++) {
    const segment = routeSegments[i];
    const greedy = /^\{(.+)\+\}$/.exec(segment);
    if (greedy) {
      if (i >= requestSegments.length) return undefined;
      parameters[greedy[1]] = requestSegments.slice(i).map(decodeSegment).join('/');
      return parameters;
    }
    const requestSegment = requestSegments[i];
    if (requestSegment === undefined) return undefined;
    const parameter = /^\{(.+)\}$/.exec(segment);
    if (parameter) parameters[parameter[1]] = decodeSegment(requestSegment);
    else if (segment !== requestSegment) return undefined;
  }
  return routeSegments.length === requestSegments.length ? parameters : undefined;
}
