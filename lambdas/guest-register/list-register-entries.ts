import { setImmediate } from 'node:timers/promises';
import { z } from 'zod';
import type { TenantEnvelope } from '../guest-pii/tenant-envelope';
import { createApiHandler, type ApiEvent } from '../http/api-handler';
import { InvalidRequestError } from '../http/domain-errors';
import { operatorCaller } from '../http/caller';
import { parseInput } from '../http/request-parsing';
import { fieldMessage, notAfterReason } from '../http/validation-messages';
import { requireInOffices, withinOffices, type OperatorAccess } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { longStayStatus } from '../reports/long-stay';
import { createLogger } from '../runtime/logger';
import { auditLog, decryptGuestName, disclosureFor, registerRepository, tenantDataKeys } from './register-access';
import type { PiiDisclosure } from './audit-log';
import { listMergedSummaries } from './merged-register-page';
import { decodeAllFacilitiesCursor, decodeFacilityCursor, encodeAllFacilitiesCursor, encodeFacilityCursor } from './register-cursor';
import type { RegisterEntrySummary, SealedGuest } from './register-entry';
import { registerListLabels } from './register-field-labels';

const logger = createLogger('list-register-entries');
const { access, facilities } = createDirectoryServices();

export const defaultPageSize = 50;
export const maxPageSize = 100;

// z.string().date() checks the calendar too, so 2026-02-30 is rejected, not just the pattern.
const isoDate = z.string().date();
const querySchema = z.object({
  facilityId: z.string().trim().min(1).max(64).optional(),
  from: isoDate.default('0000-01-01'),
  to: isoDate.default('9999-12-31'),
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
  cursor: z.string().max(2000).optional(),
  nationality: z
    .string()
    .regex(/^([A-Z]{2}|resident)$/, 'ISO 3166-1 の 2 文字の国コード、または日本国内に住所がある宿泊者は resident で指定してください / must be an ISO 3166-1 alpha-2 code, or resident for guests with an address in Japan')
    .optional(),
});

/**
 * GET /register?facilityId=&from=&to=&nationality=&limit=&cursor=: stays by arrival date, with
 * each guest's name, decrypted for callers with `register:read-pii` and masked (山田 ●●) for the
 * others. Without `facilityId` the stays of every facility the caller sees (owners all, others
 * those of their offices) come in one arrival order. `nationality` keeps stays with at least one
 * guest of that nationality (`resident`: with an address in Japan). The cursor is an opaque
 * base64url token; a cursor from another tenant, facility or scope is rejected.
 */
export const handler = createApiHandler(logger, async (event) => {
  const tenantId = operatorCaller(event).tenantId;
  logger.appendKeys({ tenantId });
  const query = parseInput(querySchema, event.queryStringParameters ?? {}, registerListLabels);
  if (query.facilityId !== undefined) logger.appendKeys({ facilityId: query.facilityId });
  if (query.from > query.to) {
    throw new InvalidRequestError(fieldMessage(registerListLabels.from, notAfterReason(registerListLabels.to)), 'from');
  }
  const nationality = query.nationality;
  const pageQuery: PageQuery = {
    tenantId,
    from: query.from,
    to: query.to,
    limit: query.limit,
    cursor: query.cursor,
    matches: (entry) => nationality === undefined || entry.guests.some((guest) => guestHasNationality(guest, nationality)),
  };
  const { caller, entries: found, nextCursor } =
    query.facilityId === undefined ? await readAllFacilitiesPage(event, pageQuery) : await readFacilityPage(event, query.facilityId, pageQuery);
  const disclosure = disclosureFor(caller);

  if (found.length === 0) return { body: { entries: [], nextCursor } };

  // The audit PutItem goes out before any decryption, and the names are decrypted while it is in
  // flight. The response waits for both, so nothing decrypted leaves without a stored record.
  const auditWritten = auditLog.record({
    tenantId,
    userId: caller.userId,
    action: 'view',
    disclosure,
    resource: 'register-list',
    entryIds: found.map((entry) => entry.entryId),
    requestId: event.requestContext?.requestId,
  });
  const [, entries] = await Promise.all([auditWritten, summarisePage(tenantId, found, disclosure)]);

  return { body: { entries, nextCursor } };
});

interface PageQuery {
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly limit: number;
  readonly cursor?: string;
  readonly matches: (entry: RegisterEntrySummary) => boolean;
}

interface ReadPage {
  readonly caller: OperatorAccess;
  readonly entries: RegisterEntrySummary[];
  readonly nextCursor?: string;
}

/**
 * Reads a page of one facility. The access check with the facility lookup for the office check
 * (one BatchGetItem) and the page's query run side by side under the verified token's tenant.
 * Nothing of the page is decrypted or returned until the caller's access and the facility's
 * office have passed.
 */
async function readFacilityPage(event: ApiEvent, facilityId: string, query: PageQuery): Promise<ReadPage> {
  const startKey = query.cursor === undefined ? undefined : decodeFacilityCursor(query.cursor, query.tenantId, facilityId);
  const [{ access: caller, facility }, page] = await Promise.all([
    access.resolveWithFacility(event, facilityId),
    registerRepository.listSummariesByFacilityArrival({ ...query, facilityId, startKey }),
  ]);
  requireInOffices(caller, facility, {
    ja: '施設が見つかりません',
    en: 'facility not found',
    field: 'facilityId',
  });
  return { caller, entries: page.entries, nextCursor: page.lastKey ? encodeFacilityCursor(page.lastKey) : undefined };
}

/**
 * Reads a page merged from every facility within the caller's offices, archived ones included
 * because their register is kept. The register is queried only after the caller passed the permission check.
 */
async function readAllFacilitiesPage(event: ApiEvent, query: PageQuery): Promise<ReadPage> {
  const after = query.cursor === undefined ? undefined : decodeAllFacilitiesCursor(query.cursor);
  const [caller, tenantFacilities] = await Promise.all([access.resolve(event), facilities.listFacilities(query.tenantId)]);
  disclosureFor(caller);
  const facilityIds = withinOffices(caller, tenantFacilities).map((facility) => facility.facilityId);
  const page = await listMergedSummaries(registerRepository, { ...query, facilityIds, after });
  return { caller, entries: page.entries, nextCursor: page.after ? encodeAllFacilitiesCursor(page.after) : undefined };
}

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
