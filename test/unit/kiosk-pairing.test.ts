import { pairDevice, PairingError } from '../../kiosk/src/device/pair-device';
import type { KioskConfig } from '../../kiosk/src/config/kiosk-config';

const config = { apiUrl: 'https://api.invalid' } as KioskConfig;

async function failureReason(fetchResult: () => Promise<Response>): Promise<string> {
  const originalFetch = globalThis.fetch;
  globalThis.fetch = jest.fn(fetchResult) as typeof fetch;
  try {
    await pairDevice(config, 'ABCD2345');
    return 'paired';
  } catch (error) {
    return error instanceof PairingError ? error.reason : String(error);
  } finally {
    globalThis.fetch = originalFetch;
  }
}

describe('kiosk pairing errors', () => {
  test('wrong format on 400', async () => {
    await expect(failureReason(async () => new Response('{}', { status: 400 }))).resolves.toBe('invalid-format');
  });

  test.each([403, 404, 409])('rejected code on %i', async (status) => {
    await expect(failureReason(async () => new Response('{}', { status }))).resolves.toBe('rejected');
  });

  test('server error on 5xx', async () => {
    await expect(failureReason(async () => new Response('{}', { status: 500 }))).resolves.toBe('server-error');
  });

  test('unreachable when fetch fails', async () => {
    await expect(failureReason(async () => Promise.reject(new TypeError('Failed to fetch')))).resolves.toBe('unreachable');
  });
});
