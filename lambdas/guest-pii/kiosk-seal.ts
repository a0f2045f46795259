import { DecryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { z } from 'zod';
import { openAesGcm, openAesGcmParts } from './aes-gcm';

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

/** `CheckIn.sealed` as the kiosk writes it (docs/architecture.md, "Sealed formats"). */
export const sealedCheckInSchema = z.object({
  v: z.literal(1),
  alg: z.literal('RSA-OAEP-256+A256GCM'),
  keyId: z.string().min(1),
  wrappedKey: base64,
  iv: base64,
  ciphertext: base64,
});

export type SealedCheckIn = z.infer<typeof sealedCheckInSchema>;

/** A kiosk seal opened with KMS: the decrypted payload text and the key for the check-in's images. */
export class OpenedKioskSeal {
  constructor(
    private readonly checkInId: string,
    private readonly checkInKey: Buffer,
    /** UTF-8 JSON of the check-in payload; contains guest PII. */
    readonly payloadText: string,
  ) {}

  /** Opens a sealed image `iv (12) || ciphertext || tag (16)` with AAD `<checkInId>/<imageId>`. */
  openImage(imageId: string, sealed: Buffer): Buffer {
    return openAesGcm(this.checkInKey, sealed, `${this.checkInId}/${imageId}`, `check-in ${this.checkInId} image ${imageId}`);
  }

  /** Overwrites the check-in key in memory once the images are processed. */
  dispose(): void {
    this.checkInKey.fill(0);
  }
}

/**
 * Opens a kiosk seal: KMS Decrypt (RSAES_OAEP_SHA_256) on the configured sealing key unwraps the
 * check-in's AES-256-GCM key, which then opens the payload with AAD = the check-in id. The key
 * id inside the seal is ignored: only the stage's own sealing key is ever used.
 */
export async function openKioskSeal(
  kms: KMSClient,
  sealingKeyId: string,
  sealed: SealedCheckIn,
  checkInId: string,
): Promise<OpenedKioskSeal> {
  const unwrapped = await kms.send(
    new DecryptCommand({
      KeyId: sealingKeyId,
      CiphertextBlob: Buffer.from(sealed.wrappedKey, 'base64'),
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    }),
  );
  const checkInKey = Buffer.from(unwrapped.Plaintext!);
  const payload = openAesGcmParts(
    checkInKey,
    Buffer.from(sealed.iv, 'base64'),
    Buffer.from(sealed.ciphertext, 'base64'),
    checkInId,
    `check-in ${checkInId} payload`,
  );
  return new OpenedKioskSeal(checkInId, checkInKey, payload.toString('utf8'));
}
