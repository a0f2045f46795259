import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { sealedCheckInSchema, type SealedCheckIn } from '../guest-pii/kiosk-seal';
import { checkInTtlAttribute } from './check-in-expiry';

/** The CheckIn model as AppSync stores it (lib/sync/schema.graphql plus DataStore sync fields). */
const checkInRecordSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  facilityId: z.string().min(1),
  arrivalDate: z.string(),
  departureDate: z.string(),
  guestCount: z.number().int().positive(),
  imageIds: z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/)).default([]),
  imagesUploaded: z.boolean(),
  // JSON text; a parsed map is accepted too, for records written while the field was AWSJSON.
  sealed: z.union([z.string(), z.record(z.unknown())]),
  owner: z.string().min(1),
  _deleted: z.boolean().optional(),
  // Epoch milliseconds of the last create or update, set by AppSync's conflict detection.
  _lastChangedAt: z.number().int().nonnegative().optional(),
});

export type CheckInRecord = Omit<z.infer<typeof checkInRecordSchema>, 'sealed'> & { sealed: SealedCheckIn };

export class InvalidCheckInRecordError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid CheckIn record: ${problems.join('; ')}`);
    this.name = 'InvalidCheckInRecordError';
  }
}

/**
 * True for a stream image that is ready to ingest: images uploaded, not soft-deleted, and no
 * `_ttl` yet. Ingest sets `_ttl` once the entry is stored (AppSync sets it on deletion), so the
 * change that sets it, and any later one, needs no ingest.
 */
export function isReadyForIngest(image: Record<string, AttributeValue> | undefined): boolean {
  if (!image) return false;
  return image.imagesUploaded?.BOOL === true && image._deleted?.BOOL !== true && image[checkInTtlAttribute] === undefined;
}

/** Unmarshalls and validates a stream NewImage; errors name fields only. */
export function parseCheckInRecord(image: Record<string, AttributeValue>): CheckInRecord {
  return parseCheckInItem(unmarshall(image));
}

/** Validates a record as the DynamoDB document client reads it. Errors name fields only. */
export function parseCheckInItem(item: Record<string, unknown>): CheckInRecord {
  const result = checkInRecordSchema.safeParse(item);
  if (!result.success) {
    throw new InvalidCheckInRecordError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`));
  }
  const sealedJson = typeof result.data.sealed === 'string' ? safeJson(result.data.sealed) : result.data.sealed;
  const sealed = sealedCheckInSchema.safeParse(sealedJson);
  if (!sealed.success) {
    throw new InvalidCheckInRecordError(sealed.error.issues.map((issue) => `sealed.${issue.path.join('.')}: ${issue.code}`));
  }
  return { ...result.data, sealed: sealed.data };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Cognito username from an AppSync owner field, which is `<sub>::<username>` for owner auth
 * with the default identity claim and just `<username>` in older transformer versions.
 */
export function ownerUsername(owner: string): string {
  const separator = owner.indexOf('::');
  return separator === -1 ? owner : owner.slice(separator + 2);
}
