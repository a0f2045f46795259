/**
 * Errors the domain raises on purpose. The API handler maps each to its HTTP status with a
 * bilingual message; anything else becomes a generic 500. Messages name fields and ids only,
 * never guest data.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;

  constructor(
    /** Japanese and English, joined as `日本語 / English`. */
    readonly bilingualMessage: string,
    readonly field?: string,
    /** Every field error when a form has several, each `{ field, message }`. */
    readonly fieldErrors?: readonly { readonly field: string; readonly message: string }[],
  ) {
    super(bilingualMessage);
    this.name = new.target.name;
  }
}

export class InvalidRequestError extends DomainError {
  readonly statusCode = 400;
  readonly code = 'invalid_request';
}

export class UnauthorizedError extends DomainError {
  readonly statusCode = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  readonly code = 'not_found';
}

export class ConflictError extends DomainError {
  readonly statusCode = 409;
  readonly code = 'conflict';
}

export function missingField(field: string): InvalidRequestError {
  return new InvalidRequestError(`${field} は必須です / ${field} is required`, field);
}

export function invalidField(field: string, expectedEn: string, expectedJa: string): InvalidRequestError {
  return new InvalidRequestError(
    `${field} が不正です（${expectedJa}） / ${field} is invalid: expected ${expectedEn}`,
    field,
  );
}

/** An owner in prod has not turned on two-step verification yet. */
export class MfaRequiredError extends DomainError {
  readonly statusCode = 403;
  readonly code = 'mfa_required';
}

/**
 * The caller's Directory record is disabled. Raised on every request, because a token issued
 * before the owner disabled the user stays valid until it expires.
 */
export class UserDisabledError extends DomainError {
  readonly statusCode = 403;
  readonly code = 'user_disabled';
}

/** The tenant's IP allowlist does not contain the network the request came from. */
export class NetworkNotAllowedError extends DomainError {
  readonly statusCode = 403;
  readonly code = 'network_not_allowed';
}
