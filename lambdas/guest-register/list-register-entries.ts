import { setImmediate } from 'node:timers/promises';
import { z } from 'zod';
import type { TenantEnvelope } from '../guest-pii/tenant-envelope';
import { createApiHandler } from '../http/api-handler';
import { InvalidRequestError } from '../http/domain-errors';
import { operatorCaller } from '../http/caller';
import { parseInput } from '../http/request-parsing';
import { requireInOffices } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { longStayStatus } from '../reports/long-stay';
import { createLogger } from '../runtime/logger';
import { auditLog, decryptGuestName, disclosureFor, registerRepository, tenantDataKeys } from './register-access';
import type { PiiDisclosure } from './audit-log';
import type { RegisterEntrySummary, SealedGuest } from './register-entry';
import { facilityPartition } from './register-repository';

const logger = createLogger('list-register-entries');
const { access } = createDirectoryServices();

export const defaultPageSize = 50;
export const maxPageSize = 100;

// z.string().date() checks the calendar too, so 2026-02-30 is rejected, not just the pattern.
const isoDate = z.string().date();
const querySchema = z.object({
  facilityId: z.string().trim().min(1).max(64),
  from: isoDate.default('0000-01-01'),
  to: isoDate.default('9999-12-31'),
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
  cursor: z.string().max(2000).optional(),
  nationality: z
    .string()
    .regex(/^([A-Z]{2}|resident)$/, 'ISO 3166-1 alpha-2 code, or resident for guests with an address in Japan')
    .optional(),
});

/**
 * GET /register?facilityId=&from=&to=&nationality=&limit=&cursor=: stays of one facility by
 * arrival date, with each guest's name, decrypted for callers with `register:read-pii` and masked
 * (山田 ●●) for the others. `nationality` keeps stays with at least one guest of that nationality
 * (`resident`: with an address in Japan). The cursor is an opaque base64url token; a cursor from
 * another tenant or facility is rejected.
 */
export const handler = createApiHandler(logger, async (event) => {
  const tenantId = operatorCaller(event).tenantId;
  logger.appendKeys({ tenantId });
  const query = parseInput(querySchema, event.queryStringParameters ?? {});
  logger.appendKeys({ facilityId: query.facilityId });
  if (query.from > query.to) {
    throw new InvalidRequestError('from は to 以前の日付にしてください / from must not be after to', 'from');
  }
  const startKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor, tenantId, query.facilityId);

  // The access check with the facility lookup for the office check (one BatchGetItem) and the
  // page's query run side by side under the verified token's tenant. Nothing of the page is
  // decrypted or returned until the caller's access and the facility's office have passed.
  const nationality = query.nationality;
  const [{ access: caller, facility }, page] = await Promise.all([
    access.resolveWithFacility(event, query.facilityId),
    registerRepository.listSummariesByFacilityArrival({
      tenantId,
      facilityId: query.facilityId,
      from: query.from,
      to: query.to,
      limit: query.limit,
      startKey,
      matches: (entry) => nationality === undefined || entry.guests.some((guest) => guestHasNationality(guest, nationality)),
    }),
  ]);
  const disclosure = disclosureFor(caller);
  requireInOffices(caller, facility, {
    ja: '施設が見つかりません',
    en: 'facility not found',
    field: 'facilityId',
  });

  if (page.entries.length === 0) {
    return { body: { entries: [], nextCursor: page.lastKey ? encodeCursor(page.lastKey) : undefined } };
  }

  // The audit PutItem goes out before any decryption, and the names are decrypted while it is in
  // flight. The response waits for both, so nothing decrypted leaves without a stored record.
  const auditWritten = auditLog.record({
    tenantId,
    userId: caller.userId,
    action: 'view',
    disclosure,
    resource: 'register-list',
    entryIds: page.entries.map((entry) => entry.entryId),
    requestId: event.requestContext?.requestId,
  });
  const [, entries] = await Promise.all([auditWritten, summarisePage(tenantId, page.entries, disclosure)]);

  return { body: { entries, nextCursor: page.lastKey ? encodeCursor(page.lastKey) : undefined } };
});

/**
 * Decrypts the guests' names of a page with one data key lookup per key period. It first yields
 * to the event loop, because the AWS SDK builds and signs the audit PutItem in promise callbacks
 * that synchronous decryption queued ahead of them would delay.
 */
async function summarisePage(tenantId: string, entries: readonly RegisterEntrySummary[], disclosure: PiiDisclosure) {
  await setImmediate();
  const keyPeriods = [...new Set(entries.map((entry) => entry.keyPeriod))];
  const envelopes = new Map(
    await Promise.all(
      keyPeriods.map(async (keyPeriod) => [keyPeriod, await tenantDataKeys.envelopeForRead(tenantId, keyPeriod)] as const),
    ),
  );
  const now = new Date();
  return entries.map((entry) => summariseEntry(envelopes.get(entry.keyPeriod)!, entry, disclosure, now));
}

function guestHasNationality(guest: SealedGuest, nationality: string): boolean {
  return nationality === 'resident' ? guest.hasAddressInJapan : guest.nationality === nationality;
}

function summariseEntry(envelope: TenantEnvelope, entry: RegisterEntrySummary, disclosure: PiiDisclosure, now: Date) {
  // longStayStatus is undefined exactly for a stay shorter than a long stay.
  const longStay = longStayStatus(entry, now);
  return {
    entryId: entry.entryId,
    facilityId: entry.facilityId,
    checkInId: entry.checkInId,
    arrivalDate: entry.arrivalDate,
    departureDate: entry.departureDate,
    guestCount: entry.guestCount,
    createdAt: entry.createdAt,
    longStay: longStay !== undefined,
    longStayConfirmationDue: longStay?.due ?? false,
    guests: entry.guests.map((guest) => ({
      guestId: guest.guestId,
      name: decryptGuestName(envelope, entry, guest, disclosure),
      hasAddressInJapan: guest.hasAddressInJapan,
      nationality: guest.nationality,
    })),
  };
}

function encodeCursor(lastKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, tenantId: string, facilityId: string): Record<string, unknown> {
  const invalid = new InvalidRequestError('cursor が不正です / cursor is invalid: request the first page again', 'cursor');
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid;
  }
  const keyShape = z.object({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() }).strict();
  const parsed = keyShape.safeParse(key);
  if (!parsed.success || parsed.data.pk !== `TENANT#${tenantId}` || parsed.data.gsi1pk !== facilityPartition(tenantId, facilityId)) {
    throw invalid;
  }
  return parsed.data;
}
