import { fetchAuthSession, fetchMFAPreference, getCurrentUser, setUpTOTP, signOut, updateMFAPreference, verifyTOTPSetup } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { useEffect, useState } from 'react';
import { ApiError, clientErrorCodes } from '../../lib/api-client';

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

/** Signs out of Amplify Auth; the Authenticator then shows the sign-in screen again. */
export async function signOutOperator(): Promise<void> {
  await signOut();
}

/**
 * Returns whether this browser has a signed-in session, `undefined` while that is being checked.
 * Follows Amplify Auth's Hub events, so signing in through the Authenticator and signing out
 * anywhere switch the app between the sign-in screens and the signed-in app.
 */
export function useSignedIn(): boolean | undefined {
  const [signedIn, setSignedIn] = useState<boolean>();

  useEffect(() => {
    const stopListening = Hub.listen('auth', ({ payload }) => {
      if (payload.event === 'signedIn') setSignedIn(true);
      if (payload.event === 'signedOut' || payload.event === 'tokenRefresh_failure') setSignedIn(false);
    });
    getCurrentUser().then(
      () => setSignedIn(true),
      () => setSignedIn(false),
    );
    return stopListening;
  }, []);

  return signedIn;
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
