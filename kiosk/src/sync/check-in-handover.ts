import { z } from 'zod';
import { fetchIdToken } from '../amplify/device-session';
import type { CheckInRecord } from './check-in-record';
import { deleteSealedImage, getSealedImage } from './image-store';
import { uploadSealedImage } from './image-upload';
import { ServerAccessRejectedError } from './server-check-in';

const handoverResponseSchema = z.object({
  checkInId: z.string(),
  outcome: z.enum(['ingested', 'already-ingested']),
});

/**
 * Finishes a check-in that an earlier pairing's device sent before it was revoked, but whose
 * images it never marked uploaded. Uploads the sealed images still in the image store, deleting
 * each only after its upload succeeded, then requests POST /check-ins/{checkInId}/handover, which
 * ingests the record with them. Once this returns, the register entry exists. Throws on any
 * failure, so the drain retries later. A 401 or 403 becomes a ServerAccessRejectedError.
 */
export async function handOverCheckIn(apiUrl: string, checkIn: Pick<CheckInRecord, 'id' | 'imageIds'>): Promise<void> {
  for (const imageId of checkIn.imageIds) {
    const bytes = await getSealedImage(checkIn.id, imageId);
    if (!bytes) continue;
    await uploadSealedImage(apiUrl, checkIn.id, imageId, bytes);
    await deleteSealedImage(checkIn.id, imageId);
  }

  const idToken = await fetchIdToken();
  const response = await fetch(`${apiUrl}/check-ins/${encodeURIComponent(checkIn.id)}/handover`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}` },
  });
  if (!response.ok) {
    const code = await readErrorCode(response);
    const message = `Handover of check-in ${checkIn.id} failed with HTTP ${response.status}${code ? ` (${code})` : ''}.`;
    if (response.status === 401 || response.status === 403) throw new ServerAccessRejectedError(message);
    throw new Error(message);
  }
  handoverResponseSchema.parse(await response.json());
}

/** Reads the `error.code` of an API error response. Returns undefined when the body has none. */
async function readErrorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}
