import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LambdaFunction } from '../lambda-runtime/lambda-function';
import { assertPortFree } from '../ports-check';
import { buildHttpApiEvent, normalizeHandlerResult } from './http-api-event';
import type { HttpApiRoute } from './http-api-routes';
import { MalformedPathError, matchRoutePath } from './http-api-routes';
import { claimsAsApiGatewayStrings, JwtAuthorizer } from './jwt-authorizer';

export interface LocalApiGateway {
  readonly url: string;
  stop(): Promise<void>;
}

export interface LocalApiGatewayOptions {
  readonly port: number;
  readonly routes: readonly HttpApiRoute[];
  /** The function behind each route, by `HttpApiRoute.routeKey`. */
  readonly functions: ReadonlyMap<string, LambdaFunction>;
  /** JSON Web Key Set of each JWT issuer the routes name. */
  readonly jwksByIssuer: ReadonlyMap<string, { keys: unknown[] }>;
  /** Browser origins allowed by CORS (the kiosk and admin-web). */
  readonly allowedOrigins: readonly string[];
  readonly log: (line: string) => void;
}

const corsAllowHeaders = 'authorization,content-type,x-amz-date,x-amz-security-token,x-api-key';

/**
 * Serves the synthesized HTTP API on loopback: matches the route, checks the JWT exactly where
 * the deployed route has an authorizer (401 `{"message":"Unauthorized"}` otherwise, as API
 * Gateway answers), invokes the route's function with a payload 2.0 event and writes its result.
 * A failed invocation is answered with 500 `{"message":"Internal Server Error"}`.
 */
export async function startLocalApiGateway(options: LocalApiGatewayOptions): Promise<LocalApiGateway> {
  await assertPortFree(options.port, 'the local API gateway');
  const authorizers = new Map<HttpApiRoute, JwtAuthorizer>();
  for (const route of options.routes) {
    if (!route.jwtAuthorizer) continue;
    const jwks = options.jwksByIssuer.get(route.jwtAuthorizer.issuer);
    if (!jwks) throw new Error(`No JWKS loaded for issuer ${route.jwtAuthorizer.issuer} of route ${route.routeKey}.`);
    authorizers.set(route, new JwtAuthorizer(route.jwtAuthorizer, jwks));
  }

  const server = createServer((request, response) => {
    handleRequest(request, response, options, authorizers).catch((error: unknown) => {
      const malformed = error instanceof MalformedPathError;
      options.log(`API gateway: ${request.method} ${request.url} ${malformed ? 'rejected' : 'failed'}: ${String(error)}`);
      if (response.headersSent) return;
      if (malformed) sendJson(response, 400, { message: 'Bad Request' });
      else sendJson(response, 500, { message: 'Internal Server Error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://localhost:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  options: LocalApiGatewayOptions,
  authorizers: ReadonlyMap<HttpApiRoute, JwtAuthorizer>,
): Promise<void> {
  const origin = request.headers.origin;
  if (origin && options.allowedOrigins.includes(origin)) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('vary', 'origin');
  }
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
  const method = request.method ?? 'GET';

  if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
    response.setHeader('access-control-allow-methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS');
    response.setHeader('access-control-allow-headers', corsAllowHeaders);
    response.setHeader('access-control-max-age', '600');
    response.writeHead(204).end();
    return;
  }

  const match = findRoute(options.routes, method, url.pathname);
  if (!match) {
    sendJson(response, 404, { message: 'Not Found' });
    return;
  }
  const { route, pathParameters } = match;

  let jwtClaims: Record<string, string> | undefined;
  let jwtScopes: string[] | null = null;
  const authorizer = authorizers.get(route);
  if (authorizer) {
    const payload = await authorizer.verify(request.headers.authorization);
    if (!payload) {
      sendJson(response, 401, { message: 'Unauthorized' });
      return;
    }
    jwtClaims = claimsAsApiGatewayStrings(payload);
    jwtScopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : null;
  }

  const lambdaFunction = options.functions.get(route.routeKey);
  if (!lambdaFunction) throw new Error(`No function loaded for route ${route.routeKey}.`);
  const body = await readBody(request);
  if (body === undefined) {
    // The HTTP API returns 413 with this message for a payload over its 10 MB quota.
    sendJson(response, 413, { message: 'Request Entity Too Large' });
    request.destroy();
    return;
  }
  const event = buildHttpApiEvent({ request, url, body, routeKey: route.routeKey, pathParameters, jwtClaims, jwtScopes });

  let result: unknown;
  try {
    result = await lambdaFunction.invoke(event);
  } catch (error) {
    options.log(`API gateway: ${route.routeKey} request ${event.requestContext.requestId}: ${String(error)}`);
    sendJson(response, 500, { message: 'Internal Server Error' });
    return;
  }
  const normalized = normalizeHandlerResult(result);
  for (const [name, value] of Object.entries(normalized.headers ?? {})) response.setHeader(name, String(value));
  if (normalized.cookies?.length) response.setHeader('set-cookie', normalized.cookies);
  const responseBody = normalized.body === undefined ? undefined : Buffer.from(normalized.body, normalized.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(normalized.statusCode);
  response.end(responseBody);
}

/** Picks the most specific matching route: fewer path parameters win, as in API Gateway. */
function findRoute(
  routes: readonly HttpApiRoute[],
  method: string,
  path: string,
): { route: HttpApiRoute; pathParameters: Record<string, string> } | undefined {
  const candidates = routes
    .filter((route) => route.method === method || route.method === 'ANY')
    .map((route) => ({ route, pathParameters: matchRoutePath(route.path, path) }))
    .filter((candidate): candidate is { route: HttpApiRoute; pathParameters: Record<string, string> } => candidate.pathParameters !== undefined);
  candidates.sort((a, b) => Object.keys(a.pathParameters).length - Object.keys(b.pathParameters).length);
  return candidates[0];
}

/** API Gateway HTTP API payload quota. */
const maxBodyBytes = 10 * 1024 * 1024;

/** Reads the request body, or resolves undefined as soon as it exceeds the API Gateway quota. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        request.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, statusCode: number, body: unknown): void {
  response.writeHead(statusCode, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
