import { openAesGcm, sealAesGcm } from './aes-gcm';

/** Additional data that binds a ciphertext to one tenant, one register entry and one field. */
export function piiAdditionalData(tenantId: string, entryId: string, field: string): string {
  return `${tenantId}|${entryId}|${field}`;
}

/** Field name of one guest's PII value, for example `guests/<guestId>/name`. */
export function guestFieldName(guestId: string, field: string): string {
  return `guests/${guestId}/${field}`;
}

/** Field name of an image, so that images get AAD `<tenantId>|<entryId>|images/<imageId>`. */
export function imageFieldName(imageId: string): string {
  return `images/${imageId}`;
}

/**
 * A tenant's data key for one key period (calendar month), opened for use. Each value is
 * AES-256-GCM encrypted with AAD `<tenantId>|<entryId>|<field>`, so a ciphertext copied to
 * another tenant, entry or field fails to decrypt.
 */
export class TenantEnvelope {
  constructor(
    readonly tenantId: string,
    readonly keyPeriod: string,
    private readonly dataKey: Buffer,
  ) {}

  /** Encrypts a text value; returns base64 of `iv || ciphertext || tag`. */
  encryptField(entryId: string, field: string, value: string): string {
    return sealAesGcm(this.dataKey, Buffer.from(value, 'utf8'), this.additionalData(entryId, field)).toString('base64');
  }

  decryptField(entryId: string, field: string, sealedBase64: string): string {
    const aad = this.additionalData(entryId, field);
    return openAesGcm(this.dataKey, Buffer.from(sealedBase64, 'base64'), aad, `entry ${entryId} field ${field}`).toString('utf8');
  }

  encryptImage(entryId: string, imageId: string, bytes: Buffer): Buffer {
    return sealAesGcm(this.dataKey, bytes, this.additionalData(entryId, imageFieldName(imageId)));
  }

  decryptImage(entryId: string, imageId: string, sealed: Buffer): Buffer {
    const field = imageFieldName(imageId);
    return openAesGcm(this.dataKey, sealed, this.additionalData(entryId, field), `entry ${entryId} image ${imageId}`);
  }

  private additionalData(entryId: string, field: string): string {
    return piiAdditionalData(this.tenantId, entryId, field);
  }
}
