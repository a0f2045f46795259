/** Translation keys of the messages shown when signing in or setting a password fails. */
export type SignInErrorKey =
  | 'auth.errors.incorrect'
  | 'auth.errors.passwordPolicy'
  | 'auth.errors.resetRequired'
  | 'auth.errors.tooManyAttempts'
  | 'auth.errors.network'
  | 'auth.errors.wrongCode'
  | 'auth.errors.resetFailed'
  | 'auth.errors.missingEmail'
  | 'auth.errors.missingPassword'
  | 'auth.errors.missingEmailAndPassword'
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
      // The reset screens ask for no password, so their message names the email address alone.
      return stage === 'resetPassword' ? 'auth.errors.resetFailed' : 'auth.errors.incorrect';
    // Amplify's own checks of an empty input, raised before any request to Cognito.
    case 'EmptySignInUsername':
    case 'EmptyResetPasswordUsername':
    case 'EmptyConfirmResetPasswordUsername':
      return 'auth.errors.missingEmail';
    case 'EmptySignInPassword':
      return 'auth.errors.missingPassword';
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

/** Inputs of the sign-in and reset forms that must not be blank; a form leaves out those it lacks. */
export interface RequiredSignInFields {
  readonly email?: string;
  readonly password?: string;
}

/**
 * Returns the message key naming the blank fields among those given, or undefined when every
 * given field has a value. A value of only spaces counts as blank.
 */
export function missingFieldsKey(fields: RequiredSignInFields): SignInErrorKey | undefined {
  const isBlank = (field: keyof RequiredSignInFields) => field in fields && (fields[field] ?? '').trim() === '';
  const emailMissing = isBlank('email');
  const passwordMissing = isBlank('password');
  if (emailMissing && passwordMissing) return 'auth.errors.missingEmailAndPassword';
  if (emailMissing) return 'auth.errors.missingEmail';
  if (passwordMissing) return 'auth.errors.missingPassword';
  return undefined;
}
