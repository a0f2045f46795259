import { asOutboxNetworkFailure, isNetworkFailure } from '../../kiosk/src/sync/network-failures';

/** The GraphQL result Amplify 6 builds when fetch fails (createGraphQLResultWithError). */
function failedFetchResult() {
  const underlying = Object.assign(new Error('A network error has occurred.'), { name: 'NetworkError' });
  return { data: {}, errors: [{ message: underlying.message, originalError: underlying }] };
}

describe('kiosk outbox network failures', () => {
  test('failed fetch counts as a network failure', () => {
    expect(isNetworkFailure(failedFetchResult())).toBe(true);
  });

  test('server errors are not network failures', () => {
    const conditional = { data: null, errors: [{ message: 'The conditional request failed', errorType: 'DynamoDB:ConditionalCheckFailedException' }] };

    expect(isNetworkFailure(conditional)).toBe(false);
    expect(isNetworkFailure({ data: {} })).toBe(false);
    expect(isNetworkFailure(new Error('boom'))).toBe(false);
  });

  test('rewording keeps the original error', () => {
    const result = failedFetchResult();
    const reworded = asOutboxNetworkFailure(result);

    expect(reworded.errors[0]!.message).toBe('Network Error');
    expect(reworded.errors[0]!.originalError).toBe(result.errors[0]!.originalError);
    expect(result.errors[0]!.message).toBe('A network error has occurred.');
  });
});
