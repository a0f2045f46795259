import { generateClient } from 'aws-amplify/api';
import type { CheckInRecord } from './check-in-record';

/** What the kiosk needs to know about its own check-in as AppSync stores it. */
export interface ServerCheckIn {
  id: string;
  sealed: string;
  imagesUploaded: boolean;
  _version: number;
  _deleted?: boolean | null;
}

/**
 * AppSync rejected the device: its device check returns `Unauthorized` for a revoked device and
 * for a check-in of a facility other than the device's own.
 */
export class ServerAccessRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerAccessRejectedError';
  }
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

const createCheckInMutation = /* GraphQL */ `
  mutation CreateCheckIn($input: CreateCheckInInput!) {
    createCheckIn(input: $input) {
      id
    }
  }
`;

/** The one call this module makes; the client's full generic type is too deep for tsc here. */
interface GraphqlClient {
  graphql(options: { query: string; variables: Record<string, unknown>; authMode: 'userPool' }): Promise<unknown>;
}

interface GraphqlError {
  message: string;
  errorType?: string;
}

let client: GraphqlClient | undefined;

/**
 * Sends one request with the device's user pool token. Amplify returns or throws a result with
 * `errors`; both become an Error naming the request, and `Unauthorized` becomes a
 * ServerAccessRejectedError.
 */
async function requestAppSync<T>(description: string, query: string, variables: Record<string, unknown>): Promise<T | undefined> {
  client ??= generateClient() as unknown as GraphqlClient;
  let response: unknown;
  try {
    response = await client.graphql({ query, variables, authMode: 'userPool' });
  } catch (error) {
    if (!Array.isArray((error as { errors?: unknown }).errors)) throw error;
    response = error;
  }
  const { data, errors } = response as { data?: T; errors?: GraphqlError[] };
  if (errors && errors.length > 0) {
    const message = `${description} failed: ${errors.map((error) => error.message).join('; ')}`;
    if (errors.some((error) => error.errorType === 'Unauthorized')) throw new ServerAccessRejectedError(message);
    throw new Error(message);
  }
  return data;
}

/**
 * Reads one of this device's check-ins from AppSync, outside DataStore (owner auth lets a device
 * read only its own records). Returns null when the server has no such record. Throws when the
 * server cannot be asked, so the caller retries later.
 */
export async function fetchServerCheckIn(checkInId: string): Promise<ServerCheckIn | null> {
  const data = await requestAppSync<{ getCheckIn?: ServerCheckIn | null }>(
    `Reading check-in ${checkInId} from AppSync`,
    getCheckInQuery,
    { id: checkInId },
  );
  return data?.getCheckIn ?? null;
}

/**
 * Creates a check-in at AppSync from its local record, outside DataStore, for a record whose
 * create mutation DataStore dropped from its outbox. AppSync creates a record only when its id
 * is new, so a repeated call cannot store the check-in twice. Throws on any error.
 */
export async function createServerCheckIn(record: CheckInRecord): Promise<void> {
  const input = {
    id: record.id,
    facilityId: record.facilityId,
    arrivalDate: record.arrivalDate,
    departureDate: record.departureDate,
    guestCount: record.guestCount,
    imageIds: record.imageIds,
    imagesUploaded: record.imagesUploaded,
    sealed: record.sealed,
    appVersion: record.appVersion ?? null,
  };
  await requestAppSync(`Sending check-in ${record.id} to AppSync`, createCheckInMutation, { input });
}
