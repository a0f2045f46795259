/** S3 key of a sealed image as the kiosk uploads it, before ingest re-encrypts it. */
export function incomingImageKey(deviceId: string, checkInId: string, imageId: string): string {
  return `incoming/${deviceId}/${checkInId}/${imageId}`;
}

/** S3 key of an image under the tenant envelope, once it belongs to a register entry. */
export function registerImageKey(tenantId: string, entryId: string, imageId: string): string {
  return `register/${tenantId}/${entryId}/${imageId}`;
}
