import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import type { KioskConfig } from '../config/kiosk-config';
import type { PairedDevice } from '../device/paired-device';

let configured = false;

/** Configures Amplify Auth and the GraphQL endpoint once per page load. */
export function configureAmplify(config: KioskConfig): void {
  if (configured) return;
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        ...(config.cognitoEndpoint ? { userPoolEndpoint: config.cognitoEndpoint } : {}),
        loginWith: { username: true },
      },
    },
    API: {
      GraphQL: {
        endpoint: config.graphqlUrl,
        region: config.region,
        defaultAuthMode: 'userPool',
      },
    },
  });
  configured = true;
}

/**
 * Signs the paired device in with its own credentials unless a session already exists.
 * USER_PASSWORD_AUTH is used because cognito-local rejects Amplify's default SRP flow.
 * Concurrent calls share one sign-in, because a second sign-in would sign the first out.
 */
export function signInDevice(config: KioskConfig, device: PairedDevice): Promise<void> {
  signingIn ??= signInOnce(config, device).finally(() => {
    signingIn = undefined;
  });
  return signingIn;
}

let signingIn: Promise<void> | undefined;

async function signInOnce(config: KioskConfig, device: PairedDevice): Promise<void> {
  configureAmplify(config);
  try {
    const current = await getCurrentUser();
    // Cognito's username is the user's sub in a pool that signs in by email, so the name the
    // device signed in with is in signInDetails.loginId.
    if (current.signInDetails?.loginId === device.username || current.username === device.username) return;
    await signOut();
  } catch {
    // No session yet: sign in below.
  }
  const result = await signIn({
    username: device.username,
    password: device.password,
    options: { authFlowType: 'USER_PASSWORD_AUTH' },
  });
  if (!result.isSignedIn) {
    throw new Error(`Device sign-in stopped at step ${result.nextStep.signInStep}.`);
  }
}

/** Returns the device's Cognito ID token, refreshed by Amplify when it has expired. */
export async function fetchIdToken(): Promise<string> {
  const session = await fetchAuthSession();
  const idToken = session.tokens?.idToken?.toString();
  if (!idToken) throw new Error('No device session: the kiosk must sign in again.');
  return idToken;
}

/** Returns the paired device's ID token, signing the device in first when it has no session. */
export async function deviceIdToken(config: KioskConfig, device: PairedDevice): Promise<string> {
  await signInDevice(config, device);
  return fetchIdToken();
}
