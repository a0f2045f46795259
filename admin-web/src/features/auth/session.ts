import {
  confirmResetPassword,
  confirmSignIn,
  fetchAuthSession,
  fetchMFAPreference,
  getCurrentUser,
  resetPassword,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import type { SignInOutput } from 'aws-amplify/auth';
import { ApiError, clientErrorCodes } from '../../lib/api-client';

/** Outcome of a sign-in attempt. */
export type SignInResult = 'signedIn' | 'newPasswordRequired' | 'totpRequired' | 'resetRequired' | 'unsupportedStep';

function toResult(output: SignInOutput): SignInResult {
  switch (output.nextStep.signInStep) {
    case 'DONE':
      return 'signedIn';
    case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED':
      return 'newPasswordRequired';
    case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
      return 'totpRequired';
    case 'RESET_PASSWORD':
      return 'resetRequired';
    default:
      return 'unsupportedStep';
  }
}

/**
 * Signs in with email and password. `USER_PASSWORD_AUTH` is used instead of Amplify's default
 * SRP flow because cognito-local rejects SRP; the app client allows both.
 */
export async function signInOperator(email: string, password: string): Promise<SignInResult> {
  const output = await signIn({
    username: email,
    password,
    options: { authFlowType: 'USER_PASSWORD_AUTH' },
  });
  return toResult(output);
}

/** Sends the new password that Cognito's NEW_PASSWORD_REQUIRED challenge requests at a first sign-in. */
export async function completeNewPassword(newPassword: string): Promise<SignInResult> {
  return toResult(await confirmSignIn({ challengeResponse: newPassword }));
}

/**
 * Asks Cognito to mail a verification code for a forgotten password. The password itself is
 * never sent: the user sets a new one with the code.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  await resetPassword({ username: email });
}

export async function confirmPasswordReset(email: string, code: string, newPassword: string): Promise<void> {
  await confirmResetPassword({ username: email, confirmationCode: code, newPassword });
}

/** Sends the 6-digit code of the user's authenticator app when sign-in asks for it. */
export async function confirmTotpSignIn(code: string): Promise<SignInResult> {
  return toResult(await confirmSignIn({ challengeResponse: code }));
}

/** Whether the signed-in user signs in with an authenticator app (TOTP) as a second factor. */
export async function isTotpEnabled(): Promise<boolean> {
  const preference = await fetchMFAPreference();
  return preference.enabled?.includes('TOTP') ?? false;
}

/** Starts TOTP enrolment: the secret to type into an authenticator app, and its otpauth URI. */
export async function startTotpSetup(accountName: string): Promise<{ secret: string; uri: string }> {
  const details = await setUpTOTP();
  return { secret: details.sharedSecret, uri: details.getSetupUri('OPEN SESAME!', accountName).toString() };
}

/** Verifies the first code of the authenticator app and makes TOTP the user's second factor. */
export async function finishTotpSetup(code: string): Promise<void> {
  await verifyTOTPSetup({ code });
  await updateMFAPreference({ totp: 'PREFERRED' });
}

export async function signOutOperator(): Promise<void> {
  await signOut();
}

/** Returns whether a session with tokens exists in this browser. */
export async function hasSession(): Promise<boolean> {
  try {
    await getCurrentUser();
    return true;
  } catch {
    return false;
  }
}

/** Returns the current Cognito ID token, refreshed by Amplify when it has expired. */
export async function getIdToken(): Promise<string> {
  const session = await fetchAuthSession();
  const idToken = session.tokens?.idToken?.toString();
  if (!idToken) {
    throw new ApiError(clientErrorCodes.notSignedIn, 'No signed-in session to call the API with', 401);
  }
  return idToken;
}
