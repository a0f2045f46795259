import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { webcrypto } from 'node:crypto';
import { credentials, region, type HandlerEmulators } from './handler-emulators';

const encoder = new TextEncoder();

/** Reads the public key (SPKI) of the local KMS key that kiosks seal check-ins with. */
export async function readKioskSealingKey(environment: HandlerEmulators['environment']): Promise<Uint8Array> {
  const kms = new KMSClient({ endpoint: environment.AWS_ENDPOINT_URL_KMS, region, credentials });
  try {
    return (await kms.send(new GetPublicKeyCommand({ KeyId: environment.KIOSK_SEALING_KEY_ID }))).PublicKey!;
  } finally {
    kms.destroy();
  }
}

/**
 * Seals a check-in as the kiosk does in the browser (docs/architecture.md, "Sealed formats"):
 * Web Crypto AES-256-GCM for the payload and each image, the key wrapped with RSA-OAEP SHA-256.
 */
export async function sealLikeKiosk(input: {
  publicKeySpki: Uint8Array;
  keyId: string;
  checkInId: string;
  payload: unknown;
  images?: Record<string, Uint8Array>;
}): Promise<{ sealed: Record<string, unknown>; sealedImages: Record<string, Buffer> }> {
  const subtle = webcrypto.subtle;
  const aesKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(input.checkInId) },
    aesKey,
    encoder.encode(JSON.stringify(input.payload)),
  );
  const publicKey = await subtle.importKey('spki', input.publicKeySpki, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['wrapKey']);
  const wrappedKey = await subtle.wrapKey('raw', aesKey, publicKey, { name: 'RSA-OAEP' });

  const sealedImages: Record<string, Buffer> = {};
  for (const [imageId, bytes] of Object.entries(input.images ?? {})) {
    const imageIv = webcrypto.getRandomValues(new Uint8Array(12));
    const sealedBytes = await subtle.encrypt(
      { name: 'AES-GCM', iv: imageIv, additionalData: encoder.encode(`${input.checkInId}/${imageId}`) },
      aesKey,
      bytes,
    );
    sealedImages[imageId] = Buffer.concat([imageIv, Buffer.from(sealedBytes)]);
  }
  return {
    sealed: {
      v: 1,
      alg: 'RSA-OAEP-256+A256GCM',
      keyId: input.keyId,
      wrappedKey: Buffer.from(wrappedKey).toString('base64'),
      iv: Buffer.from(iv).toString('base64'),
      ciphertext: Buffer.from(ciphertext).toString('base64'),
    },
    sealedImages,
  };
}
