import { z } from 'zod';
import { fetchIdToken } from '../amplify/device-session';

const uploadUrlResponseSchema = z.object({ url: z.string().url() });

/**
 * Uploads one sealed image: requests a presigned S3 PUT URL from the API with the device's ID
 * token, then PUTs the sealed bytes. Throws on any failure so the drain loop retries later.
 */
export async function uploadSealedImage(
  apiUrl: string,
  checkInId: string,
  imageId: string,
  bytes: Uint8Array,
): Promise<void> {
  const idToken = await fetchIdToken();
  const uploadRequest = await fetch(
    `${apiUrl}/check-ins/${encodeURIComponent(checkInId)}/image-uploads`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${idToken}` },
      body: JSON.stringify({ imageId }),
    },
  );
  if (!uploadRequest.ok) {
    throw new Error(
      `Upload URL request failed with HTTP ${uploadRequest.status} for check-in ${checkInId}, image ${imageId}.`,
    );
  }
  const { url } = uploadUrlResponseSchema.parse(await uploadRequest.json());

  const upload = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(bytes)]),
  });
  if (!upload.ok) {
    throw new Error(
      `Image upload failed with HTTP ${upload.status} for check-in ${checkInId}, image ${imageId}.`,
    );
  }
}
