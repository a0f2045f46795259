import { Amplify } from 'aws-amplify';
import { operatorPasswordPolicy } from '../../../lib/auth/operator-password-policy';
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
        // The Authenticator checks a new password against these rules before it calls Cognito.
        // Without them it assumes Cognito's default minimum of 8 characters.
        passwordFormat: {
          minLength: operatorPasswordPolicy.minLength,
          requireLowercase: operatorPasswordPolicy.requireLowercase,
          requireUppercase: operatorPasswordPolicy.requireUppercase,
          requireNumbers: operatorPasswordPolicy.requireDigits,
          requireSpecialCharacters: operatorPasswordPolicy.requireSymbols,
        },
      },
    },
  });
}
