import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from './domain-errors';

export const operatorRoles = ['owner', 'manager', 'staff'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

/** A head-office user, from the claims of the Cognito token the API authorizer verified. */
export interface OperatorCaller {
  readonly kind: 'operator';
  readonly tenantId: string;
  readonly userId: string;
  readonly email?: string;
  /** The caller's highest role when the token carries several groups. */
  readonly role: OperatorRole;
}

/** A paired kiosk tablet, from the claims of its Cognito token. */
export interface DeviceCaller {
  readonly kind: 'device';
  readonly tenantId: string;
  readonly facilityId: string;
  readonly username: string;
}

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * Reads the verified JWT claims of an API Gateway v2 event. The tenant comes only from
 * `custom:tenantId` here, never from the body or query string.
 */
function readClaims(event: APIGatewayProxyEventV2WithJWTAuthorizer): Claims {
  const claims = event.requestContext?.authorizer?.jwt?.claims as Claims | undefined;
  if (!claims) {
    throw new UnauthorizedError('認証が必要です / authentication required');
  }
  return claims;
}

/**
 * Reads `cognito:groups`, which API Gateway passes either as an array or as the string
 * `[a b]` (HTTP APIs flatten array claims).
 */
export function readGroups(claims: Claims): string[] {
  const groups = claims['cognito:groups'];
  if (Array.isArray(groups)) return groups.map(String);
  if (typeof groups === 'string') {
    return groups
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter((group) => group.length > 0);
  }
  return [];
}

function requireClaim(claims: Claims, name: string): string {
  const value = claims[name];
  if (typeof value !== 'string' || value === '') {
    throw new ForbiddenError(`トークンに ${name} がありません / token has no ${name} claim`);
  }
  return value;
}

export function operatorCaller(event: APIGatewayProxyEventV2WithJWTAuthorizer): OperatorCaller {
  const claims = readClaims(event);
  const groups = readGroups(claims);
  const role = operatorRoles.find((candidate) => groups.includes(candidate));
  if (!role || groups.includes('kiosk')) {
    throw new ForbiddenError('この操作は事業者ユーザーのみ可能です / only operator users may call this route');
  }
  const email = claims.email;
  return {
    kind: 'operator',
    tenantId: requireClaim(claims, 'custom:tenantId'),
    userId: requireClaim(claims, 'sub'),
    email: typeof email === 'string' ? email : undefined,
    role,
  };
}

export function deviceCaller(event: APIGatewayProxyEventV2WithJWTAuthorizer): DeviceCaller {
  const claims = readClaims(event);
  if (!readGroups(claims).includes('kiosk')) {
    throw new ForbiddenError('この操作は端末のみ可能です / only paired kiosk devices may call this route');
  }
  const username = claims['cognito:username'] ?? claims.username;
  if (typeof username !== 'string' || username === '') {
    throw new ForbiddenError('トークンに cognito:username がありません / token has no cognito:username claim');
  }
  return {
    kind: 'device',
    tenantId: requireClaim(claims, 'custom:tenantId'),
    facilityId: requireClaim(claims, 'custom:facilityId'),
    username,
  };
}

export function requireRole(caller: OperatorCaller, allowed: readonly OperatorRole[]): void {
  if (!allowed.includes(caller.role)) {
    throw new ForbiddenError(
      `この操作には ${allowed.join(' / ')} 権限が必要です / this action requires role ${allowed.join(' or ')}`,
    );
  }
}
