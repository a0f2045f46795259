import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toDeviceListItem, onlineWindowMs } from '../../lambdas/device/device-list-item';
import type { Device } from '../../lambdas/device/device-repository';
import { sendHeartbeat } from '../../kiosk/src/device/heartbeat';

const device: Device = {
  tenantId: 'tenant-1',
  facilityId: 'facility-1',
  deviceId: 'device-1',
  cognitoUsername: 'sub-1',
  signInName: 'kiosk-device-1@devices.open-sesame.invalid',
  name: 'Entrance iPad',
  status: 'active',
  pairedAt: '2026-07-01T00:00:00.000Z',
  lastSeenAt: '2026-07-10T09:00:00.000Z',
  appVersion: '0.1.0+abc1234',
  pendingCount: 2,
};
const lastSeen = Date.parse(device.lastSeenAt!);

describe('toDeviceListItem', () => {
  test('online within the window', () => {
    expect(toDeviceListItem(device, new Date(lastSeen + onlineWindowMs)).online).toBe(true);
  });

  test('offline after the window', () => {
    expect(toDeviceListItem(device, new Date(lastSeen + onlineWindowMs + 1)).online).toBe(false);
  });

  test('revoked device is never online', () => {
    expect(toDeviceListItem({ ...device, status: 'revoked' }, new Date(lastSeen)).online).toBe(false);
  });

  test('never-seen device is offline', () => {
    const item = toDeviceListItem({ ...device, lastSeenAt: undefined, appVersion: undefined, pendingCount: undefined }, new Date());
    expect(item).toMatchObject({ online: false, lastSeenAt: null, appVersion: null, pendingCount: null });
  });

  test('omits Cognito names', () => {
    const keys = Object.keys(toDeviceListItem(device, new Date()));
    expect(keys).not.toContain('cognitoUsername');
    expect(keys).not.toContain('signInName');
  });
});

describe('sendHeartbeat', () => {
  let server: Server;
  let apiUrl: string;
  let reply: { status: number; body: unknown };
  let received: { authorization?: string; body: string }[];

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      received.push({ authorization: request.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    received = [];
  });

  const report = { appVersion: '0.1.0+abc1234', pendingCount: 3 };

  test('sends token and report', async () => {
    reply = { status: 200, body: { device: { name: 'Entrance iPad' }, facility: { houseRules: {} } } };

    await sendHeartbeat(apiUrl, 'id-token', report);

    expect(received).toEqual([{ authorization: 'Bearer id-token', body: JSON.stringify(report) }]);
  });

  test('returns facility settings', async () => {
    reply = { status: 200, body: { device: { name: 'Entrance iPad' }, facility: { houseRules: { en: 'No smoking.' }, doorCode: '4721' } } };

    await expect(sendHeartbeat(apiUrl, 'id-token', report)).resolves.toEqual({
      status: 'active',
      deviceName: 'Entrance iPad',
      facility: { houseRules: { en: 'No smoking.' }, doorCode: '4721' },
    });
  });

  test('403 device_revoked means revoked', async () => {
    reply = { status: 403, body: { error: { code: 'device_revoked', message: 'revoked' } } };

    await expect(sendHeartbeat(apiUrl, 'id-token', report)).resolves.toEqual({ status: 'revoked' });
  });

  test('other 403 throws', async () => {
    reply = { status: 403, body: { error: { code: 'forbidden', message: 'no' } } };

    await expect(sendHeartbeat(apiUrl, 'id-token', report)).rejects.toThrow('HTTP 403');
  });

  test('server error throws', async () => {
    reply = { status: 500, body: { error: { code: 'internal_error', message: 'retry' } } };

    await expect(sendHeartbeat(apiUrl, 'id-token', report)).rejects.toThrow('HTTP 500');
  });

  test('malformed body throws', async () => {
    reply = { status: 200, body: { facility: {} } };

    await expect(sendHeartbeat(apiUrl, 'id-token', report)).rejects.toThrow('missing device or facility');
  });
});
