/** Translation keys of the messages shown when signing in or setting a password fails. */
export type SignInErrorKey =
  | 'auth.errors.incorrect'
  | 'auth.errors.passwordPolicy'
  | 'auth.errors.resetRequired'
  | 'auth.errors.tooManyAttempts'
  | 'auth.errors.network'
  | 'auth.errors.wrongCode'
  | 'auth.errors.unknown';

/** The form whose request failed: the sign-in itself, or the new password of a first sign-in. */
export type SignInStage = 'signIn' | 'newPassword' | 'resetPassword' | 'totp';

/**
 * Maps an error thrown by Amplify Auth to the message to show. Amplify v6 rethrows Cognito's
 * exception names as `error.name`, and reports a failed request as `NetworkError`.
 * An unknown user gets the same message as a wrong password, so the form does not reveal
 * which email addresses have accounts.
 */
export function signInErrorKey(error: unknown, stage: SignInStage): SignInErrorKey {
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return 'auth.errors.incorrect';
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
    case 'EnableSoftwareTokenMFAException':
      return 'auth.errors.wrongCode';
    case 'InvalidPasswordException':
    case 'InvalidParameterException':
      // Cognito raises these for a new password that breaks the pool's policy. cognito-local
      // 5.3 also raises InvalidPasswordException for a wrong password at sign-in.
      if (stage === 'totp') return 'auth.errors.wrongCode';
      return stage === 'signIn' ? 'auth.errors.incorrect' : 'auth.errors.passwordPolicy';
    case 'PasswordResetRequiredException':
      return 'auth.errors.resetRequired';
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return 'auth.errors.tooManyAttempts';
    case 'NetworkError':
      return 'auth.errors.network';
    default:
      return 'auth.errors.unknown';
  }
}
