import { base64ToBytes, bytesToBase64 } from './base64';

/** The facility's public sealing key as pairing returns it (KMS RSA_3072, SPKI DER). */
export interface SealingKey {
  keyId: string;
  publicKeySpkiBase64: string;
}

/** `CheckIn.sealed`, version 1: see "Sealed formats" in docs/architecture.md. */
export interface SealedEnvelope {
  v: 1;
  alg: 'RSA-OAEP-256+A256GCM';
  keyId: string;
  /** The AES-256 key, RSA-OAEP SHA-256 wrapped, base64. */
  wrappedKey: string;
  /** 12-byte GCM nonce, base64. */
  iv: string;
  /** GCM ciphertext followed by its 16-byte tag, base64. */
  ciphertext: string;
}

export interface ImageBytes {
  imageId: string;
  bytes: Uint8Array;
}

export interface SealedCheckIn {
  envelope: SealedEnvelope;
  /** Each image as `iv (12) || ciphertext || tag (16)` under the check-in's key. */
  images: ImageBytes[];
}

const encoder = new TextEncoder();
const ivLength = 12;

async function encryptWithAes(
  subtle: SubtleCrypto,
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  additionalData: string,
): Promise<{ iv: Uint8Array<ArrayBuffer>; ciphertext: Uint8Array<ArrayBuffer> }> {
  const iv = crypto.getRandomValues(new Uint8Array(ivLength));
  const ciphertext = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(additionalData), tagLength: 128 },
    key,
    plaintext,
  );
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/**
 * Seals a check-in for the ingest Lambda: a fresh AES-256-GCM key encrypts the payload (AAD =
 * check-in id) and every image (AAD = `<checkInId>/<imageId>`), and the key is wrapped with
 * the facility's RSA public key, so only KMS can open what the tablet stores.
 */
export async function sealCheckIn(
  checkInId: string,
  payload: unknown,
  images: readonly ImageBytes[],
  sealingKey: SealingKey,
): Promise<SealedCheckIn> {
  const subtle = crypto.subtle;
  const publicKey = await subtle.importKey(
    'spki',
    base64ToBytes(sealingKey.publicKeySpkiBase64),
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['wrapKey'],
  );
  // Extractable only so that wrapKey can export it; the key object is dropped after sealing.
  const contentKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
  ]);
  const wrappedKey = await subtle.wrapKey('raw', contentKey, publicKey, { name: 'RSA-OAEP' });

  const sealedPayload = await encryptWithAes(
    subtle,
    contentKey,
    encoder.encode(JSON.stringify(payload)),
    checkInId,
  );

  const sealedImages: ImageBytes[] = [];
  for (const image of images) {
    const { iv, ciphertext } = await encryptWithAes(
      subtle,
      contentKey,
      new Uint8Array(image.bytes),
      `${checkInId}/${image.imageId}`,
    );
    const bytes = new Uint8Array(iv.length + ciphertext.length);
    bytes.set(iv, 0);
    bytes.set(ciphertext, iv.length);
    sealedImages.push({ imageId: image.imageId, bytes });
  }

  return {
    envelope: {
      v: 1,
      alg: 'RSA-OAEP-256+A256GCM',
      keyId: sealingKey.keyId,
      wrappedKey: bytesToBase64(new Uint8Array(wrappedKey)),
      iv: bytesToBase64(sealedPayload.iv),
      ciphertext: bytesToBase64(sealedPayload.ciphertext),
    },
    images: sealedImages,
  };
}
