import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Authorization glue between Amplify JS v6 and the AppSync simulator (2.16.20), which reads the
 * realtime handshake's auth only from the `?header=` query and checks neither token issuer nor
 * expiry.
 */

/** Prefix of the subprotocol in which Amplify JS v6 sends the base64url JSON auth headers. */
const headerSubprotocolPrefix = 'header-';

interface JwtClaims {
  iss?: string;
  exp?: number;
}

function decodeJwtClaims(token: string): JwtClaims | undefined {
  const payload = token.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return undefined;
  }
}

/**
 * Returns why a Cognito token must be rejected, or undefined when it may pass: its issuer must be
 * `https://cognito-idp.…/<userPoolId>` and it must not be expired.
 * NOTE: the signature is not verified (neither here nor in the simulator), so local AppSync is
 * no place for security tests of token handling.
 */
export function rejectionReason(authorization: string | undefined, userPoolId: string, nowMs = Date.now()): string | undefined {
  if (!authorization) return 'missing Authorization header';
  const claims = decodeJwtClaims(authorization);
  if (!claims) return 'Authorization is not a JWT';
  if (!claims.iss?.startsWith('https://cognito-idp.') || !claims.iss.endsWith(`/${userPoolId}`)) {
    return `token issuer ${claims.iss ?? '(none)'} is not user pool ${userPoolId} under https://cognito-idp.`;
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return 'token expired';
  return undefined;
}

/**
 * Rewrites a realtime upgrade request whose `Sec-WebSocket-Protocol` carries `header-<base64url>`
 * into the `?header=<base64>&payload=e30=` query the simulator reads. Returns false and leaves
 * the request as it is when there is no such subprotocol or its token is rejected. The simulator
 * then closes the socket with code 1002.
 */
export function translateRealtimeAuth(request: IncomingMessage, userPoolId: string): boolean {
  const protocols = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim());
  const headerProtocol = protocols.find((protocol) => protocol.startsWith(headerSubprotocolPrefix));
  if (!headerProtocol) return false;

  let headers: Record<string, string>;
  try {
    headers = JSON.parse(
      Buffer.from(headerProtocol.slice(headerSubprotocolPrefix.length), 'base64url').toString('utf8'),
    ) as Record<string, string>;
  } catch {
    return false;
  }
  if (rejectionReason(headers.Authorization ?? headers.authorization, userPoolId)) return false;

  const url = new URL(request.url ?? '/', 'https://localhost');
  url.searchParams.set('header', Buffer.from(JSON.stringify(headers)).toString('base64'));
  url.searchParams.set('payload', Buffer.from('{}').toString('base64'));
  request.url = `${url.pathname}${url.search}`;
  return true;
}

/**
 * Puts the checks in front of the simulator's own listeners on its HTTP server: GraphQL requests
 * other than CORS preflights need an accepted token (else 401 UnauthorizedException), and realtime
 * upgrades get their subprotocol auth translated.
 */
export function guardSimulatorServer(server: Server, userPoolId: string): void {
  const requestListeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const reason = request.method === 'OPTIONS' ? undefined : rejectionReason(request.headers.authorization, userPoolId);
    if (reason) {
      response.writeHead(401, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
      });
      response.end(
        JSON.stringify({ errors: [{ errorType: 'UnauthorizedException', message: `Unauthorized: ${reason}.` }] }),
      );
      return;
    }
    for (const listener of requestListeners) listener.call(server, request, response);
  });

  server.prependListener('upgrade', (request: IncomingMessage) => {
    translateRealtimeAuth(request, userPoolId);
  });
}
