import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { sealDirectCheckIns, type DrainedCheckIn, type GraphqlRequest } from '../../bench/kiosk-direct-check-ins';
import { checkInPayloadSchema } from '../../lambdas/check-in/check-in-payload';
import { sealedCheckInSchema } from '../../lambdas/guest-pii/kiosk-seal';

// node:crypto replaces KMS here, whose kiosk sealing key is RSA_3072 with RSAES_OAEP_SHA_256.
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });

const device = {
  deviceId: 'device-bench',
  username: 'kiosk-device-bench@devices.open-sesame.invalid',
  password: 'not-a-real-password',
  tenantId: 'tenant-bench',
  facility: { id: 'facility-bench', name: 'Bench House', licenceType: 'private-lodging' },
  sealingKey: {
    keyId: 'test-sealing-key',
    publicKeySpkiBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  },
};

const drained: DrainedCheckIn = {
  arrivalDate: '2026-12-05',
  departureDate: '2026-12-06',
  guestCount: 1,
  imageIds: [],
  imagesUploaded: true,
  appVersion: '0.1.0+abc1234',
};

/** A createCheckIn request with the input fields DataStore 5 sends for the kiosk's model. */
const datastoreRequest: GraphqlRequest = {
  query: 'mutation operation($input: CreateCheckInInput!, $condition: ModelCheckInConditionInput) { createCheckIn(input: $input, condition: $condition) { id } }',
  variables: {
    input: {
      id: 'drained-1',
      facilityId: device.facility.id,
      arrivalDate: drained.arrivalDate,
      departureDate: drained.departureDate,
      guestCount: 1,
      imageIds: [],
      imagesUploaded: true,
      sealed: '{}',
      appVersion: drained.appVersion,
    },
    condition: null,
  },
};

/** Opens `CheckIn.sealed` as the ingest Lambda does after KMS Decrypt. */
function openSealed(sealedText: string, checkInId: string): unknown {
  const envelope = sealedCheckInSchema.parse(JSON.parse(sealedText));
  const key = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(envelope.wrappedKey, 'base64'),
  );
  const sealed = Buffer.from(envelope.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(Buffer.from(checkInId, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8'));
}

describe('bench direct check-ins', () => {
  test('input copies the drained fields', async () => {
    const [variables] = await sealDirectCheckIns({ device, drained, datastoreRequest, count: 1, firstGuestNumber: 500 });
    const { id, sealed, ...stored } = variables.input;
    expect(stored).toEqual({ facilityId: device.facility.id, ...drained });
    expect(typeof id).toBe('string');
    expect(typeof sealed).toBe('string');
  });

  test('variables keep the condition', async () => {
    const [variables] = await sealDirectCheckIns({ device, drained, datastoreRequest, count: 1, firstGuestNumber: 500 });
    expect(variables.condition).toBeNull();
  });

  test('each check-in gets its own id', async () => {
    const all = await sealDirectCheckIns({ device, drained, datastoreRequest, count: 3, firstGuestNumber: 500 });
    expect(new Set(all.map((variables) => variables.input.id)).size).toBe(3);
  });

  test('sealed payload passes the ingest schema', async () => {
    const [variables] = await sealDirectCheckIns({ device, drained, datastoreRequest, count: 1, firstGuestNumber: 500 });
    const checkInId = variables.input.id as string;
    const payload = checkInPayloadSchema.parse(openSealed(variables.input.sealed as string, checkInId));
    expect(payload.checkInId).toBe(checkInId);
    expect(payload.facilityId).toBe(device.facility.id);
    expect(payload.arrivalDate).toBe(drained.arrivalDate);
    expect(payload.language).toBe('ja');
    expect(payload.guests).toHaveLength(1);
    expect(payload.guests[0]).toMatchObject({ name: 'Bench Guest 500', hasAddressInJapan: true, occupation: 'Tester' });
  });

  test('sealed text contains no guest name', async () => {
    const [variables] = await sealDirectCheckIns({ device, drained, datastoreRequest, count: 1, firstGuestNumber: 500 });
    expect(JSON.stringify(variables)).not.toContain('Bench Guest');
  });

  test('other DataStore fields are rejected', async () => {
    const request = { ...datastoreRequest, variables: { input: { ...datastoreRequest.variables.input, owner: 'x' } } };
    await expect(
      sealDirectCheckIns({ device, drained, datastoreRequest: request, count: 1, firstGuestNumber: 0 }),
    ).rejects.toThrow('but DataStore sent');
  });

  test('drained check-in with images is rejected', async () => {
    await expect(
      sealDirectCheckIns({ device, drained: { ...drained, imageIds: ['image-1'], imagesUploaded: false }, datastoreRequest, count: 1, firstGuestNumber: 0 }),
    ).rejects.toThrow('one resident without images');
  });
});
