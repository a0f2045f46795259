import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/**
 * Cognito client of the container; `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` points it at
 * cognito-local.
 */
export const cognitoClient = new CognitoIdentityProviderClient({});
