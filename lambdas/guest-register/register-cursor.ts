import { z } from 'zod';
import { InvalidRequestError } from '../http/domain-errors';
import { fieldMessage } from '../http/validation-messages';
import { registerListLabels } from './register-field-labels';
import { facilityPartition } from './register-repository';

/**
 * Opaque base64url cursors of the register list. A one-facility cursor is the DynamoDB key of
 * the page's last entry. An all-facilities cursor is that entry's index sort key
 * (`<arrivalDate>#<consent time>#<entryId>`), the position in the merged order.
 */
function invalidCursor(): InvalidRequestError {
  return new InvalidRequestError(
    fieldMessage(registerListLabels.cursor, { ja: '不正です。最初のページから読み込み直してください', en: 'invalid: request the first page again' }),
    'cursor',
  );
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
}

export function encodeFacilityCursor(lastKey: Record<string, unknown>): string {
  return encode(lastKey);
}

/** Decodes a one-facility cursor; a cursor of another tenant or facility is rejected. */
export function decodeFacilityCursor(cursor: string, tenantId: string, facilityId: string): Record<string, unknown> {
  const keyShape = z.object({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() }).strict();
  const parsed = keyShape.safeParse(decode(cursor));
  if (!parsed.success || parsed.data.pk !== `TENANT#${tenantId}` || parsed.data.gsi1pk !== facilityPartition(tenantId, facilityId)) {
    throw invalidCursor();
  }
  return parsed.data;
}

export function encodeAllFacilitiesCursor(after: string): string {
  return encode({ after });
}

/**
 * Decodes an all-facilities cursor into the sort key the next page starts after. It carries only
 * a position, and every query it feeds is scoped to the caller's tenant and visible facilities.
 */
export function decodeAllFacilitiesCursor(cursor: string): string {
  const shape = z.object({ after: z.string().max(200).regex(/^\d{4}-\d{2}-\d{2}#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[^#]+$/) }).strict();
  const parsed = shape.safeParse(decode(cursor));
  if (!parsed.success) throw invalidCursor();
  return parsed.data.after;
}
