import { CreateKeyCommand, GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalKms, type LocalKms } from '../../local/kms';
import { DecryptionFailedError } from '../../lambdas/guest-pii/aes-gcm';
import { openKioskSeal, sealedCheckInSchema } from '../../lambdas/guest-pii/kiosk-seal';
import { TenantEnvelope } from '../../lambdas/guest-pii/tenant-envelope';

const guestName = '検証 花子';

describe('tenant envelope', () => {
  const dataKey = randomBytes(32);
  const envelope = new TenantEnvelope('tenant-a', '2026-05', dataKey);

  test('field round trip', () => {
    const sealed = envelope.encryptField('entry-1', 'guests/g1/name', guestName);

    expect(sealed).not.toContain(guestName);
    expect(envelope.decryptField('entry-1', 'guests/g1/name', sealed)).toBe(guestName);
  });

  test('same value encrypts differently', () => {
    const first = envelope.encryptField('entry-1', 'guests/g1/name', guestName);
    const second = envelope.encryptField('entry-1', 'guests/g1/name', guestName);

    expect(first).not.toBe(second);
  });

  test('other tenant cannot decrypt', () => {
    const sealed = envelope.encryptField('entry-1', 'guests/g1/name', guestName);
    const otherTenant = new TenantEnvelope('tenant-b', '2026-05', dataKey);

    expect(() => otherTenant.decryptField('entry-1', 'guests/g1/name', sealed)).toThrow(DecryptionFailedError);
  });

  test('other entry cannot decrypt', () => {
    const sealed = envelope.encryptField('entry-1', 'guests/g1/name', guestName);

    expect(() => envelope.decryptField('entry-2', 'guests/g1/name', sealed)).toThrow(DecryptionFailedError);
  });

  test('other field cannot decrypt', () => {
    const sealed = envelope.encryptField('entry-1', 'guests/g1/name', guestName);

    expect(() => envelope.decryptField('entry-1', 'guests/g1/address', sealed)).toThrow(DecryptionFailedError);
  });

  test('tampered ciphertext rejected', () => {
    const sealed = Buffer.from(envelope.encryptField('entry-1', 'guests/g1/name', guestName), 'base64');
    sealed[sealed.length - 20] ^= 0x01;

    expect(() => envelope.decryptField('entry-1', 'guests/g1/name', sealed.toString('base64'))).toThrow(
      DecryptionFailedError,
    );
  });

  test('image round trip and binding', () => {
    const jpeg = randomBytes(2048);
    const sealed = envelope.encryptImage('entry-1', 'img-1', jpeg);

    expect(envelope.decryptImage('entry-1', 'img-1', sealed)).toEqual(jpeg);
    expect(() => envelope.decryptImage('entry-1', 'img-2', sealed)).toThrow(DecryptionFailedError);
    expect(() => envelope.decryptImage('entry-2', 'img-1', sealed)).toThrow(DecryptionFailedError);
  });

  test('error message names no value', () => {
    const sealed = envelope.encryptField('entry-1', 'guests/g1/name', guestName);

    expect(() => envelope.decryptField('entry-2', 'guests/g1/name', sealed)).toThrow(
      /^Decryption failed for entry entry-2 field guests\/g1\/name/,
    );
  });
});

describe('kiosk seal', () => {
  let dataDir: string;
  let kms: LocalKms;
  let client: KMSClient;
  let sealingKeyId: string;
  let publicKeySpki: Uint8Array;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-seal-'));
    kms = await startLocalKms({ port: 0, dataDir });
    client = new KMSClient({
      endpoint: kms.endpoint,
      region: 'ap-northeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const created = await client.send(new CreateKeyCommand({ KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' }));
    sealingKeyId = created.KeyMetadata!.KeyId!;
    publicKeySpki = (await client.send(new GetPublicKeyCommand({ KeyId: sealingKeyId }))).PublicKey!;
  });

  afterAll(async () => {
    client.destroy();
    await kms.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Seals as the kiosk does in the browser: Web Crypto AES-GCM, key wrapped with RSA-OAEP SHA-256. */
  async function sealLikeKiosk(checkInId: string, payload: unknown, images: Record<string, Uint8Array>) {
    const subtle = webcrypto.subtle;
    const aesKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    const iv = webcrypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(checkInId) },
      aesKey,
      new TextEncoder().encode(JSON.stringify(payload)),
    );
    const publicKey = await subtle.importKey('spki', publicKeySpki, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, [
      'wrapKey',
    ]);
    const wrappedKey = await subtle.wrapKey('raw', aesKey, publicKey, { name: 'RSA-OAEP' });
    const sealedImages: Record<string, Buffer> = {};
    for (const [imageId, bytes] of Object.entries(images)) {
      const imageIv = webcrypto.getRandomValues(new Uint8Array(12));
      const sealedBytes = await subtle.encrypt(
        { name: 'AES-GCM', iv: imageIv, additionalData: new TextEncoder().encode(`${checkInId}/${imageId}`) },
        aesKey,
        bytes,
      );
      sealedImages[imageId] = Buffer.concat([imageIv, Buffer.from(sealedBytes)]);
    }
    const sealed = {
      v: 1,
      alg: 'RSA-OAEP-256+A256GCM',
      keyId: sealingKeyId,
      wrappedKey: Buffer.from(wrappedKey).toString('base64'),
      iv: Buffer.from(iv).toString('base64'),
      ciphertext: Buffer.from(ciphertext).toString('base64'),
    };
    return { sealed: sealedCheckInSchema.parse(sealed), sealedImages };
  }

  test('opens Web Crypto seal', async () => {
    const payload = { version: 1, guests: [{ name: guestName }] };
    const image = randomBytes(1024);
    const { sealed, sealedImages } = await sealLikeKiosk('checkin-1', payload, { 'img-1': image });

    const opened = await openKioskSeal(client, sealingKeyId, sealed, 'checkin-1');

    expect(JSON.parse(opened.payloadText)).toEqual(payload);
    expect(opened.openImage('img-1', sealedImages['img-1'])).toEqual(image);
  });

  test('seal of other check-in rejected', async () => {
    const { sealed } = await sealLikeKiosk('checkin-1', { version: 1 }, {});

    await expect(openKioskSeal(client, sealingKeyId, sealed, 'checkin-2')).rejects.toThrow(DecryptionFailedError);
  });

  test('image under other id rejected', async () => {
    const { sealed, sealedImages } = await sealLikeKiosk('checkin-3', { version: 1 }, { 'img-1': randomBytes(64) });

    const opened = await openKioskSeal(client, sealingKeyId, sealed, 'checkin-3');

    expect(() => opened.openImage('img-2', sealedImages['img-1'])).toThrow(DecryptionFailedError);
  });

  test('tampered payload rejected', async () => {
    const { sealed } = await sealLikeKiosk('checkin-4', { version: 1 }, {});
    const ciphertext = Buffer.from(sealed.ciphertext, 'base64');
    ciphertext[0] ^= 0x01;

    const opening = openKioskSeal(client, sealingKeyId, { ...sealed, ciphertext: ciphertext.toString('base64') }, 'checkin-4');

    await expect(opening).rejects.toThrow(DecryptionFailedError);
  });
});
