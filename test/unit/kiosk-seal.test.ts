import {
  createDecipheriv,
  constants,
  generateKeyPairSync,
  privateDecrypt,
  type KeyObject,
} from 'node:crypto';
import { checkInPayloadSchema } from '../../lambdas/check-in/check-in-payload';
import { createGuestForm, type GuestForm } from '../../kiosk/src/check-in/check-in-form';
import { buildCheckInPayload } from '../../kiosk/src/check-in/check-in-payload';
import { sealCheckIn, type SealedEnvelope } from '../../kiosk/src/sealing/seal-check-in';

// The kiosk sealing key in KMS is RSA_3072 with RSAES_OAEP_SHA_256, so node:crypto replaces KMS here.
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
const sealingKey = {
  keyId: 'test-sealing-key',
  publicKeySpkiBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
};

const checkInId = '6f1c1f5e-3b7a-4c61-9a55-0d1d3c2b9a10';
const passportImageId = '0b6a3a52-5d0f-4d43-8d3e-2c8f4d2b7e11';
const faceImageId = '9c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5';
const passportJpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 0xff, 0xd9]);
const faceJpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 0xff, 0xd9]);

const resident: GuestForm = {
  ...createGuestForm('guest-resident'),
  name: '検証 花子',
  address: '東京都千代田区架空町1-2-3',
  occupation: '会社員',
  hasAddressInJapan: true,
  // Typed before the guest chose "yes", so it must not reach the payload.
  passportNumber: 'ZZ9999999',
};

const visitor: GuestForm = {
  ...createGuestForm('guest-visitor'),
  name: 'Testa Nominata',
  address: '1 Example Street, Sampletown',
  occupation: 'Engineer',
  hasAddressInJapan: false,
  nationality: 'FR',
  passportNumber: 'xk 1234567',
  passportPhoto: { imageId: passportImageId, jpeg: passportJpeg },
  facePhoto: { imageId: faceImageId, jpeg: faceJpeg },
};

function buildPayload() {
  return buildCheckInPayload({
    checkInId,
    facilityId: 'facility-1',
    stay: { arrivalDate: '2026-07-10', departureDate: '2026-07-12', guestCount: '2' },
    guests: [resident, visitor],
    language: 'en',
    fields: { occupation: true, contact: false },
    acceptedAt: new Date('2026-07-10T08:30:00.000Z'),
  });
}

async function sealExample() {
  const { payload, images } = buildPayload();
  return sealCheckIn(
    checkInId,
    payload,
    images.map((image) => ({ imageId: image.imageId, bytes: image.jpeg })),
    sealingKey,
  );
}

/** Opens the wrapped key as KMS Decrypt with RSAES_OAEP_SHA_256 does. */
function unwrapKey(envelope: SealedEnvelope, key: KeyObject = privateKey): Buffer {
  return privateDecrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(envelope.wrappedKey, 'base64'),
  );
}

/** Opens AES-256-GCM bytes laid out as `ciphertext || tag (16)`. */
function openGcm(key: Buffer, iv: Buffer, sealed: Buffer, additionalData: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(additionalData, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

function openPayload(envelope: SealedEnvelope, additionalData = checkInId): unknown {
  const key = unwrapKey(envelope);
  const plaintext = openGcm(
    key,
    Buffer.from(envelope.iv, 'base64'),
    Buffer.from(envelope.ciphertext, 'base64'),
    additionalData,
  );
  return JSON.parse(plaintext.toString('utf8'));
}

function openImage(envelope: SealedEnvelope, sealed: Uint8Array, additionalData: string): Buffer {
  const bytes = Buffer.from(sealed);
  return openGcm(unwrapKey(envelope), bytes.subarray(0, 12), bytes.subarray(12), additionalData);
}

describe('kiosk seal', () => {
  test('envelope has the version 1 fields', async () => {
    const { envelope } = await sealExample();
    expect(envelope.v).toBe(1);
    expect(envelope.alg).toBe('RSA-OAEP-256+A256GCM');
    expect(envelope.keyId).toBe('test-sealing-key');
    expect(Buffer.from(envelope.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(envelope.wrappedKey, 'base64')).toHaveLength(384);
    expect(unwrapKey(envelope)).toHaveLength(32);
  });

  test('payload opens with node:crypto', async () => {
    const { envelope } = await sealExample();
    expect(openPayload(envelope)).toEqual(buildPayload().payload);
  });

  test('payload passes the ingest schema', async () => {
    const { envelope } = await sealExample();
    const parsed = checkInPayloadSchema.safeParse(openPayload(envelope));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  test('payload omits passport fields of residents', async () => {
    const { envelope } = await sealExample();
    const payload = checkInPayloadSchema.parse(openPayload(envelope));
    expect(payload.guests[0]).toEqual({
      guestId: 'guest-resident',
      name: '検証 花子',
      address: '東京都千代田区架空町1-2-3',
      occupation: '会社員',
      hasAddressInJapan: true,
    });
    expect(payload.guests[1].passportNumber).toBe('XK1234567');
    expect(payload.guests[1].passportImageId).toBe(passportImageId);
  });

  test('payload fails with another check-in id', async () => {
    const { envelope } = await sealExample();
    expect(() => openPayload(envelope, 'another-check-in')).toThrow();
  });

  test('payload fails when tampered', async () => {
    const { envelope } = await sealExample();
    const ciphertext = Buffer.from(envelope.ciphertext, 'base64');
    ciphertext[0] ^= 0x01;
    expect(() => openPayload({ ...envelope, ciphertext: ciphertext.toString('base64') })).toThrow();
  });

  test('image opens with its own AAD', async () => {
    const { envelope, images } = await sealExample();
    expect(images.map((image) => image.imageId)).toEqual([passportImageId, faceImageId]);
    expect(images[0].bytes).toHaveLength(12 + passportJpeg.length + 16);
    const opened = openImage(envelope, images[0].bytes, `${checkInId}/${passportImageId}`);
    expect(new Uint8Array(opened)).toEqual(passportJpeg);
  });

  test('image fails under another image id', async () => {
    const { envelope, images } = await sealExample();
    expect(() => openImage(envelope, images[0].bytes, `${checkInId}/another-image`)).toThrow();
  });

  test('sealed output contains no plaintext', async () => {
    const { envelope, images } = await sealExample();
    const stored = JSON.stringify(envelope) + Buffer.from(images[0].bytes).toString('latin1');
    for (const secret of ['検証', 'Testa Nominata', 'XK1234567', 'Sampletown', 'Engineer']) {
      expect(stored).not.toContain(secret);
    }
    expect(Buffer.from(images[0].bytes).includes(Buffer.from(passportJpeg))).toBe(false);
  });

  test('each check-in gets a fresh key', async () => {
    const first = await sealExample();
    const second = await sealExample();
    expect(unwrapKey(first.envelope).equals(unwrapKey(second.envelope))).toBe(false);
    expect(first.envelope.iv).not.toBe(second.envelope.iv);
  });

  test('another RSA key cannot unwrap', async () => {
    const { envelope } = await sealExample();
    const other = generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey;
    expect(() => unwrapKey(envelope, other)).toThrow();
  });
});
