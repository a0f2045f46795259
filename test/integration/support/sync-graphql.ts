import https from 'node:https';
import { localRegion } from '../../../local/ports';
import { ensureLocalTlsCertificate } from '../../../local/tls';

// The local AppSync checks issuer and expiry but not signatures, so unsigned tokens suffice
// for tests of its resolvers.
export const testUserPoolId = 'ap-northeast-1_synctest';

/** An unsigned access token for `username`, as Amplify sends it to AppSync. */
export function accessToken(username: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    encode({ alg: 'RS256', kid: 'test' }),
    encode({
      sub: `sub-${username}`,
      username,
      token_use: 'access',
      iss: `https://cognito-idp.${localRegion}.amazonaws.com/${testUserPoolId}`,
      exp: Math.floor(Date.now() / 1000) + 3600,
    }),
    'unsigned',
  ].join('.');
}

export interface GraphqlResponse {
  data?: Record<string, any>;
  errors?: { message: string; errorType?: string; data?: any }[];
}

/** Sends one GraphQL request to the local AppSync as `username`. */
export async function sendGraphql(
  graphqlUrl: string,
  query: string,
  variables: object,
  username: string,
): Promise<GraphqlResponse> {
  const certificate = (await ensureLocalTlsCertificate()).cert;
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = https.request(
      new URL(graphqlUrl),
      {
        method: 'POST',
        ca: certificate,
        headers: { 'content-type': 'application/json', authorization: accessToken(username) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(JSON.parse(text) as GraphqlResponse));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
