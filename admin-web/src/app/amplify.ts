import { Amplify } from 'aws-amplify';
import type { AppConfig } from './config';

/**
 * Configures Amplify Auth for the stage's user pool. Locally `cognitoEndpoint` points Amplify at
 * cognito-local instead of the real Cognito.
 */
export function configureAmplify(config: AppConfig): void {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        userPoolEndpoint: config.cognitoEndpoint,
        loginWith: { email: true },
      },
    },
  });
}
