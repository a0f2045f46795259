/// <reference types="vite/client" />
// The kiosk sync modules reach check-in-model.ts, which uses Vite's import.meta.glob.
import type { PairedDevice } from '../../kiosk/src/device/paired-device';
import { ServerAccessRejectedError } from '../../kiosk/src/sync/server-check-in';
import {
  confirmWithServer,
  earlierDeviceCheckInIds,
  noteEarlierDeviceRecords,
  registeredCheckInIds,
  serverConfirmedCheckInIds,
  unconfirmedCheckInIds,
} from '../../kiosk/src/sync/server-confirmation';

/** localStorage as the browser has it, for the kiosk's id lists, which read it on each call. */
const storage = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  },
});

const query = jest.fn();
jest.mock('aws-amplify/datastore', () => ({ DataStore: { query: (...args: unknown[]) => query(...args) } }));
const graphql = jest.fn();
jest.mock('aws-amplify/api', () => ({ generateClient: () => ({ graphql }) }));
jest.mock('../../kiosk/src/amplify/device-session', () => ({ fetchIdToken: async () => 'device-id-token' }));
/** The sealed image store, keyed `<checkInId>/<imageId>` as in IndexedDB. */
const sealedImages = new Map<string, Uint8Array>();
jest.mock('../../kiosk/src/sync/image-store', () => ({
  getSealedImage: async (checkInId: string, imageId: string) => sealedImages.get(`${checkInId}/${imageId}`),
  deleteSealedImage: async (checkInId: string, imageId: string) => void sealedImages.delete(`${checkInId}/${imageId}`),
}));

const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
const apiUrl = 'https://api.open-sesame.invalid';
const uploadUrl = 'https://images.open-sesame.invalid/presigned';
const device = { deviceId: 'device-repaired', facility: { id: 'facility-1' } } as PairedDevice;
/** The model class; the mocked DataStore.query ignores it. */
const CheckIn = {} as Parameters<typeof confirmWithServer>[0];

/** Builds an invented check-in of the revoked device. `sealed` is a stand-in for ciphertext. */
function localCheckIn(imagesUploaded: boolean) {
  return {
    id: 'check-in-handover-1',
    facilityId: 'facility-1',
    arrivalDate: '2026-12-05',
    departureDate: '2026-12-06',
    guestCount: 1,
    imageIds: ['image-passport', 'image-face'],
    imagesUploaded,
    sealed: '{"ciphertext":"AAAA"}',
    appVersion: null,
  };
}

interface FetchCall {
  url: string;
  method: string;
}

/** Replaces fetch with a stub for the upload URL request, the S3 PUT and the handover request, and returns the list of calls it records. */
function stubFetch(options: { handoverStatus?: number; handoverBody?: unknown; putStatus?: number } = {}): FetchCall[] {
  const calls: FetchCall[] = [];
  global.fetch = jest.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, method: init?.method ?? 'GET' });
    if (url.endsWith('/image-uploads')) return Response.json({ url: uploadUrl });
    if (url === uploadUrl) return new Response(null, { status: options.putStatus ?? 200 });
    if (url.endsWith('/handover')) {
      const status = options.handoverStatus ?? 200;
      const body = options.handoverBody ?? (status === 200 ? { checkInId: 'check-in-handover-1', outcome: 'ingested' } : { error: { code: 'conflict' } });
      return Response.json(body, { status });
    }
    throw new Error(`Unexpected request to ${url}`);
  }) as typeof fetch;
  return calls;
}

describe('kiosk check-in handover', () => {
  beforeEach(() => {
    storage.clear();
    sealedImages.clear();
    query.mockReset();
    graphql.mockReset();
    graphql.mockResolvedValue({ data: { checkInDelivery: 'STORED_BY_OTHER_DEVICE' } });
    unconfirmedCheckInIds.add('check-in-handover-1');
    warn.mockClear();
  });

  test('uploads kept images then hands over', async () => {
    query.mockResolvedValue(localCheckIn(false));
    // The face image was uploaded in an earlier drain pass, so only the passport image is left.
    sealedImages.set('check-in-handover-1/image-passport', new Uint8Array([1, 2, 3]));
    const calls = stubFetch();

    const confirmation = await confirmWithServer(CheckIn, device, apiUrl);

    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `POST ${apiUrl}/check-ins/check-in-handover-1/image-uploads`,
      `PUT ${uploadUrl}`,
      `POST ${apiUrl}/check-ins/check-in-handover-1/handover`,
    ]);
    expect(sealedImages.size).toBe(0);
    expect(confirmation).toEqual({ resent: false, registered: true, awaitingRegister: false });
    expect(registeredCheckInIds.read()).toEqual(['check-in-handover-1']);
    expect(serverConfirmedCheckInIds.read()).toEqual(['check-in-handover-1']);
    expect(unconfirmedCheckInIds.read()).toEqual([]);
  });

  test('already ingested counts as registered', async () => {
    query.mockResolvedValue(localCheckIn(false));
    stubFetch({ handoverBody: { checkInId: 'check-in-handover-1', outcome: 'already-ingested' } });

    const confirmation = await confirmWithServer(CheckIn, device, apiUrl);

    expect(confirmation.registered).toBe(true);
    expect(registeredCheckInIds.read()).toEqual(['check-in-handover-1']);
  });

  test('locally marked record is handed over', async () => {
    // This kiosk marked it locally, and AppSync rejected the update of another device's record.
    query.mockResolvedValue(localCheckIn(true));
    const calls = stubFetch();

    const confirmation = await confirmWithServer(CheckIn, device, apiUrl);

    expect(calls.map((call) => call.url)).toEqual([`${apiUrl}/check-ins/check-in-handover-1/handover`]);
    expect(confirmation.registered).toBe(true);
    expect(registeredCheckInIds.read()).toEqual(['check-in-handover-1']);
  });

  test('rejected handover keeps record for later', async () => {
    query.mockResolvedValue(localCheckIn(false));
    stubFetch({ handoverStatus: 409 });

    const confirmation = await confirmWithServer(CheckIn, device, apiUrl);

    expect(confirmation).toEqual({ resent: false, registered: false, awaitingRegister: true });
    expect(unconfirmedCheckInIds.read()).toEqual(['check-in-handover-1']);
    expect(registeredCheckInIds.read()).toEqual([]);
    expect(serverConfirmedCheckInIds.read()).toEqual([]);
    expect(warn).toHaveBeenCalledWith('CheckIn handover failed; retrying later', {
      checkInId: 'check-in-handover-1',
      error: new Error('Handover of check-in check-in-handover-1 failed with HTTP 409 (conflict).'),
    });
  });

  test('revoked caller raises access rejected', async () => {
    query.mockResolvedValue(localCheckIn(false));
    stubFetch({ handoverStatus: 403, handoverBody: { error: { code: 'device_revoked' } } });

    await expect(confirmWithServer(CheckIn, device, apiUrl)).rejects.toBeInstanceOf(ServerAccessRejectedError);
    expect(unconfirmedCheckInIds.read()).toEqual(['check-in-handover-1']);
  });

  test('failed upload keeps image, no handover', async () => {
    query.mockResolvedValue(localCheckIn(false));
    sealedImages.set('check-in-handover-1/image-passport', new Uint8Array([1, 2, 3]));
    const calls = stubFetch({ putStatus: 500 });

    const confirmation = await confirmWithServer(CheckIn, device, apiUrl);

    expect(confirmation.awaitingRegister).toBe(true);
    expect(sealedImages.has('check-in-handover-1/image-passport')).toBe(true);
    expect(calls.some((call) => call.url.endsWith('/handover'))).toBe(false);
    expect(unconfirmedCheckInIds.read()).toEqual(['check-in-handover-1']);
    expect(warn.mock.calls[0]![1]).toMatchObject({ error: new Error('Image upload failed with HTTP 500 for check-in check-in-handover-1, image image-passport.') });
  });

  test('new device notes earlier records', async () => {
    query.mockResolvedValue([{ id: 'check-in-earlier-1' }, { id: 'check-in-earlier-2' }]);

    await noteEarlierDeviceRecords(CheckIn, device);
    query.mockResolvedValue([{ id: 'check-in-own-1' }]);
    await noteEarlierDeviceRecords(CheckIn, device);

    expect(earlierDeviceCheckInIds.read()).toEqual(['check-in-earlier-1', 'check-in-earlier-2']);
  });

  test('own stored record leaves earlier list', async () => {
    earlierDeviceCheckInIds.add('check-in-handover-1');
    query.mockResolvedValue(localCheckIn(false));
    graphql.mockResolvedValue({ data: { checkInDelivery: 'STORED' } });

    await confirmWithServer(CheckIn, device, apiUrl);

    expect(earlierDeviceCheckInIds.read()).toEqual([]);
    expect(serverConfirmedCheckInIds.read()).toEqual(['check-in-handover-1']);
  });
});
