import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const textContentType = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|application\/[^;]*\+(json|xml))/i;

/**
 * Builds the API Gateway HTTP API payload format 2.0 event for a request. Repeated headers and
 * query parameters are joined with commas, cookies go to `cookies`, and a body that is not text
 * is base64-encoded, as API Gateway does. `jwtClaims` is set only on routes with a JWT authorizer.
 */
export function buildHttpApiEvent(input: {
  request: IncomingMessage;
  url: URL;
  body: Buffer;
  routeKey: string;
  pathParameters: Record<string, string>;
  jwtClaims?: Record<string, string>;
  jwtScopes?: string[] | null;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request, url, body, routeKey } = input;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = request.headers.cookie?.split(';').map((cookie) => cookie.trim()).filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  const contentType = request.headers['content-type'] ?? '';
  const isBase64Encoded = body.length > 0 && !textContentType.test(contentType);
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    cookies,
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: Object.keys(input.pathParameters).length > 0 ? input.pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: input.jwtClaims ? { principalId: '', integrationLatency: 0, jwt: { claims: input.jwtClaims, scopes: input.jwtScopes ?? null } } : undefined,
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0],
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? (isBase64Encoded ? body.toString('base64') : body.toString('utf8')) : undefined,
    isBase64Encoded,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/**
 * Interprets a handler's result as API Gateway does for payload format 2.0: an object with
 * `statusCode` is a full response; anything else is a 200 JSON body.
 */
export function normalizeHandlerResult(result: unknown): Required<Pick<APIGatewayProxyStructuredResultV2, 'statusCode'>> &
  APIGatewayProxyStructuredResultV2 {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const structured = result as APIGatewayProxyStructuredResultV2;
    return { ...structured, statusCode: structured.statusCode ?? 200 };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result ?? null),
  };
}
