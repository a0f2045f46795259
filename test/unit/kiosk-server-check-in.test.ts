import {
  createServerCheckIn,
  fetchCheckInDelivery,
  ServerAccessRejectedError,
} from '../../kiosk/src/sync/server-check-in';

const graphql = jest.fn();
jest.mock('aws-amplify/api', () => ({ generateClient: () => ({ graphql }) }));

/** An invented check-in. `sealed` is a stand-in for ciphertext and contains no guest data. */
const record = {
  id: 'check-in-1',
  facilityId: 'facility-1',
  arrivalDate: '2026-12-05',
  departureDate: '2026-12-06',
  guestCount: 1,
  imageIds: [],
  imagesUploaded: true,
  sealed: '{"ciphertext":"AAAA"}',
  appVersion: null,
};

/** The result Amplify 6 rejects with when AppSync returns errors. */
function rejectedResult(errorType: string) {
  return { data: null, errors: [{ message: `${errorType} error`, errorType }] };
}

describe('kiosk server check-in requests', () => {
  beforeEach(() => graphql.mockReset());

  test('delivery query sends id and sealed content', async () => {
    graphql.mockResolvedValue({ data: { checkInDelivery: 'STORED_BY_OTHER_DEVICE' } });

    await expect(fetchCheckInDelivery(record)).resolves.toBe('STORED_BY_OTHER_DEVICE');
    expect(graphql.mock.calls[0][0].variables).toEqual({ id: record.id, sealed: record.sealed });
    expect(graphql.mock.calls[0][0].authMode).toBe('userPool');
  });

  test('unknown delivery value raises', async () => {
    graphql.mockResolvedValue({ data: { checkInDelivery: null } });

    await expect(fetchCheckInDelivery(record)).rejects.toThrow('returned an invalid checkInDelivery: null');
  });

  test('Unauthorized read raises access rejected', async () => {
    graphql.mockRejectedValue(rejectedResult('Unauthorized'));

    await expect(fetchCheckInDelivery(record)).rejects.toBeInstanceOf(ServerAccessRejectedError);
  });

  test('other errors raise a plain error', async () => {
    graphql.mockRejectedValue(rejectedResult('DynamoDB:ConditionalCheckFailedException'));

    const failure = createServerCheckIn(record);

    await expect(failure).rejects.toThrow('Sending check-in check-in-1 to AppSync failed');
    await expect(failure).rejects.not.toBeInstanceOf(ServerAccessRejectedError);
  });

  test('network failure is rethrown', async () => {
    const networkError = Object.assign(new Error('A network error has occurred.'), { name: 'NetworkError' });
    graphql.mockRejectedValue(networkError);

    await expect(fetchCheckInDelivery(record)).rejects.toBe(networkError);
  });

  test('create sends every model field', async () => {
    graphql.mockResolvedValue({ data: { createCheckIn: { id: 'check-in-1' } } });

    await createServerCheckIn(record);

    expect(graphql).toHaveBeenCalledTimes(1);
    expect(graphql.mock.calls[0][0].variables).toEqual({ input: record });
    expect(graphql.mock.calls[0][0].authMode).toBe('userPool');
  });
});
