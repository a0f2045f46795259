import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ivLength = 12;
const tagLength = 16;

/** Raised when AES-GCM authentication fails: wrong key, wrong AAD, or altered bytes. */
export class DecryptionFailedError extends Error {
  constructor(readonly context: string) {
    super(`Decryption failed for ${context}: wrong key, wrong additional data, or altered ciphertext.`);
    this.name = 'DecryptionFailedError';
  }
}

/** Encrypts with AES-256-GCM and a fresh random IV; returns `iv (12) || ciphertext || tag (16)`. */
export function sealAesGcm(key: Buffer, plaintext: Buffer, additionalData: string): Buffer {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

/** Opens `iv (12) || ciphertext || tag (16)`; throws DecryptionFailedError naming only `context`. */
export function openAesGcm(key: Buffer, blob: Buffer, additionalData: string, context: string): Buffer {
  if (blob.length < ivLength + tagLength) throw new DecryptionFailedError(context);
  return openAesGcmParts(
    key,
    blob.subarray(0, ivLength),
    blob.subarray(ivLength),
    additionalData,
    context,
  );
}

/** Opens a ciphertext whose last 16 bytes are the GCM tag, as Web Crypto's AES-GCM returns it. */
export function openAesGcmParts(
  key: Buffer,
  iv: Buffer,
  ciphertextWithTag: Buffer,
  additionalData: string,
  context: string,
): Buffer {
  if (iv.length !== ivLength || ciphertextWithTag.length < tagLength || key.length !== 32) {
    throw new DecryptionFailedError(context);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(additionalData, 'utf8'));
  decipher.setAuthTag(ciphertextWithTag.subarray(ciphertextWithTag.length - tagLength));
  try {
    return Buffer.concat([
      decipher.update(ciphertextWithTag.subarray(0, ciphertextWithTag.length - tagLength)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionFailedError(context);
  }
}
