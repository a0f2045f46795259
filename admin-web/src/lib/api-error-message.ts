import { ApiError, clientErrorCodes } from './api-client';

export interface ErrorMessage {
  /** Translation key of the message. */
  key: string;
  values?: Record<string, string>;
}

/**
 * Chooses the plain-language message for a failed API call. The API's own message is not shown:
 * it is English and written for developers.
 */
export function apiErrorMessage(error: unknown): ErrorMessage {
  if (!(error instanceof ApiError)) return { key: 'errors.unknown' };

  if (error.code === clientErrorCodes.network) return { key: 'errors.network' };
  if (error.code === clientErrorCodes.invalidResponse) return { key: 'errors.invalidResponse' };
  if (error.status === 401) return { key: 'errors.unauthorized' };
  if (error.code === 'network_not_allowed') return { key: 'errors.networkNotAllowed' };
  if (error.code === 'mfa_required') return { key: 'errors.mfaRequired' };
  if (error.code === 'user_disabled') return { key: 'errors.userDisabled' };
  if (error.status === 403) return { key: 'errors.forbidden' };
  if (error.status === 404) return { key: 'errors.notFound' };
  if (error.status === 400 || error.status === 422) {
    return { key: 'errors.invalidRequest', values: { field: error.field ?? error.code } };
  }
  if (error.status >= 500) return { key: 'errors.server' };
  return { key: 'errors.unknown' };
}
