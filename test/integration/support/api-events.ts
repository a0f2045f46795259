import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** Builds an API Gateway HTTP API (payload 2.0) event with verified JWT claims, as the authorizer passes them. */
export function apiEvent(input: {
  claims?: Record<string, string | string[]>;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  body?: unknown;
  /** Client address, as API Gateway puts it in `requestContext.http.sourceIp`. */
  sourceIp?: string;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: 'TEST',
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    pathParameters: input.pathParameters,
    queryStringParameters: input.queryStringParameters,
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
    requestContext: {
      requestId: `request-${Math.random().toString(36).slice(2)}`,
      http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: input.sourceIp ?? '198.51.100.10', userAgent: 'jest' },
      authorizer: input.claims ? { jwt: { claims: input.claims, scopes: [] }, principalId: '', integrationLatency: 0 } : undefined,
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export function operatorClaims(tenantId: string, userId: string, group = 'owner'): Record<string, string> {
  return { sub: userId, 'custom:tenantId': tenantId, 'cognito:groups': `[${group}]`, email: `${userId}@example.invalid` };
}
