import { ApiError, clientErrorCodes } from './api-client';

export interface ErrorMessage {
  /** Translation key of the message. */
  key: string;
  values?: Record<string, string>;
}

/** Returns the part of an API message `日本語 / English` in the screen's language. */
export function localMessage(message: string, language: string): string {
  const separator = message.indexOf(' / ');
  if (separator === -1) return message;
  return language.startsWith('ja') ? message.slice(0, separator) : message.slice(separator + 3);
}

/**
 * Chooses the plain-language message for a failed API call in `language`. Only a rejected request
 * (400, 422) shows the API's own message, because it names the field by its label in both
 * languages. The other API messages are written for developers.
 */
export function apiErrorMessage(error: unknown, language: string): ErrorMessage {
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
    return { key: 'errors.invalidRequest', values: { detail: localMessage(error.message, language) } };
  }
  if (error.status >= 500) return { key: 'errors.server' };
  return { key: 'errors.unknown' };
}
