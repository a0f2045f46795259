import { generateClient } from 'aws-amplify/api';
import type { CheckInRecord } from './check-in-record';

/**
 * Values of the `checkInDelivery` query (lib/sync/check-in-delivery/schema.graphql): how far the
 * server has taken a check-in that this kiosk stores. A record of another facility or tenant is
 * NOT_STORED.
 */
export const checkInDeliveries = ['NOT_STORED', 'STORED', 'STORED_BY_OTHER_DEVICE', 'IN_REGISTER', 'MISMATCH'] as const;
export type CheckInDelivery = (typeof checkInDeliveries)[number];

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

const checkInDeliveryQuery = /* GraphQL */ `
  query CheckInDelivery($id: ID!, $sealed: String!) {
    checkInDelivery(id: $id, sealed: $sealed)
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
 * Asks AppSync how far it has taken a local check-in, also one that an earlier pairing's device
 * stored. The server compares `sealed` with the record it stores and returns only the status.
 * Throws when the server cannot be asked or returns an unknown value, so the caller retries later.
 */
export async function fetchCheckInDelivery(checkIn: Pick<CheckInRecord, 'id' | 'sealed'>): Promise<CheckInDelivery> {
  const data = await requestAppSync<{ checkInDelivery?: string | null }>(
    `Asking AppSync about check-in ${checkIn.id}`,
    checkInDeliveryQuery,
    { id: checkIn.id, sealed: checkIn.sealed },
  );
  const delivery = data?.checkInDelivery;
  if (!checkInDeliveries.includes(delivery as CheckInDelivery)) {
    throw new Error(`Asking AppSync about check-in ${checkIn.id} returned an invalid checkInDelivery: ${String(delivery)}.`);
  }
  return delivery as CheckInDelivery;
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
