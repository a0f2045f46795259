import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

/** The JwtConfiguration of a synthesized AWS::ApiGatewayV2::Authorizer, resolved locally. */
export interface JwtAuthorizerConfig {
  readonly issuer: string;
  readonly audience: readonly string[];
}

/**
 * Verifies bearer tokens the way an API Gateway HTTP API JWT authorizer does: RS256 signature
 * against the issuer's keys, `iss`, `exp` and `nbf`, and `aud` (ID tokens) or `client_id`
 * (access tokens) among the configured audiences. The keys come from `jwks`, fetched by the
 * caller, because aws-jwt-verify only fetches JWKS over HTTPS and cognito-local serves HTTP.
 */
export class JwtAuthorizer {
  private readonly verifier;

  constructor(
    private readonly config: JwtAuthorizerConfig,
    jwks: { keys: unknown[] },
  ) {
    this.verifier = JwtRsaVerifier.create({
      issuer: config.issuer,
      audience: null,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
    });
    this.verifier.cacheJwks(jwks as Parameters<typeof this.verifier.cacheJwks>[0]);
  }

  /** Returns the verified claims, or undefined when the header is missing or the token invalid. */
  async verify(authorizationHeader: string | undefined): Promise<JwtPayload | undefined> {
    if (!authorizationHeader) return undefined;
    const token = authorizationHeader.replace(/^Bearer\s+/i, '').trim();
    let payload: JwtPayload;
    try {
      payload = await this.verifier.verify(token);
    } catch {
      return undefined;
    }
    const audience = typeof payload.aud === 'string' ? payload.aud : payload.client_id;
    if (typeof audience !== 'string' || !this.config.audience.includes(audience)) return undefined;
    return payload;
  }
}

/** Fetches a JSON Web Key Set over plain HTTP from a loopback emulator. */
export async function fetchJwks(url: string): Promise<{ keys: unknown[] }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Fetching JWKS from ${url} failed with HTTP ${response.status}.`);
  return (await response.json()) as { keys: unknown[] };
}

/**
 * Formats verified claims as API Gateway HTTP APIs put them in
 * `requestContext.authorizer.jwt.claims`: every value is a string, and an array such as
 * `cognito:groups` becomes its items joined by spaces inside brackets, e.g. `[owner staff]`.
 */
export function claimsAsApiGatewayStrings(payload: JwtPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return claims;
}
