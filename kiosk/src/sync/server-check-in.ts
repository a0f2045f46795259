import { generateClient } from 'aws-amplify/api';

/** What the kiosk needs to know about its own check-in as AppSync stores it. */
export interface ServerCheckIn {
  id: string;
  sealed: string;
  imagesUploaded: boolean;
  _version: number;
  _deleted?: boolean | null;
}

const getCheckInQuery = /* GraphQL */ `
  query GetCheckIn($id: ID!) {
    getCheckIn(id: $id) {
      id
      sealed
      imagesUploaded
      _version
      _deleted
    }
  }
`;

/** The one call this module makes; the client's full generic type is too deep for tsc here. */
interface GraphqlClient {
  graphql(options: { query: string; variables: Record<string, unknown>; authMode: 'userPool' }): Promise<unknown>;
}

let client: GraphqlClient | undefined;

/**
 * Reads one of this device's check-ins from AppSync, outside DataStore, with the device's user
 * pool token (owner auth lets a device read only its own records). Returns null when the server
 * has no such record. Throws when the server cannot be asked, so the caller retries later.
 */
export async function fetchServerCheckIn(checkInId: string): Promise<ServerCheckIn | null> {
  client ??= generateClient() as unknown as GraphqlClient;
  const response = await client.graphql({ query: getCheckInQuery, variables: { id: checkInId }, authMode: 'userPool' });
  const { data, errors } = response as { data?: { getCheckIn?: ServerCheckIn | null }; errors?: { message: string }[] };
  if (errors && errors.length > 0) {
    throw new Error(`Reading check-in ${checkInId} from AppSync failed: ${errors.map((error) => error.message).join('; ')}`);
  }
  return data?.getCheckIn ?? null;
}
