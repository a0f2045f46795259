import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { parseInput } from '../http/request-parsing';
import { createDirectoryServices } from '../organisation/directory-services';
import { createLogger } from '../runtime/logger';
import { loadEntryInOffices } from './entry-in-offices';
import { longStayJson } from './long-stay-json';
import { auditLog, decryptGuest, disclosureFor, registerRepository, tenantDataKeys } from './register-access';
import { registerEntryQueryLabels, registerPathLabels } from './register-field-labels';

const logger = createLogger('get-register-entry');
const { access, facilities } = createDirectoryServices();
const pathSchema = z.object({ entryId: z.string().trim().min(1).max(64) });
/** `purpose=print` when admin-web opens the entry to print it, so the audit record's action is print. */
const querySchema = z.object({ purpose: z.enum(['view', 'print']).default('view') });

/**
 * GET /register/{entryId}?purpose=view|print: one stay with every guest, decrypted for callers
 * with `register:read-pii` and masked for the others.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  const disclosure = disclosureFor(caller);
  const { entryId } = parseInput(pathSchema, event.pathParameters ?? {}, registerPathLabels);
  const { purpose } = parseInput(querySchema, event.queryStringParameters ?? {}, registerEntryQueryLabels);
  logger.appendKeys({ entryId });

  const entry = await loadEntryInOffices({ register: registerRepository, facilities }, caller, entryId);
  await auditLog.record({
    tenantId: caller.tenantId,
    userId: caller.userId,
    action: purpose,
    disclosure,
    resource: 'register-entry',
    entryIds: [entryId],
    requestId: event.requestContext?.requestId,
  });
  const envelope = await tenantDataKeys.envelopeForRead(caller.tenantId, entry.keyPeriod);

  return {
    body: {
      entryId: entry.entryId,
      facilityId: entry.facilityId,
      checkInId: entry.checkInId,
      arrivalDate: entry.arrivalDate,
      departureDate: entry.departureDate,
      language: entry.language,
      consent: entry.consent,
      guestCount: entry.guestCount,
      createdAt: entry.createdAt,
      // A correction must name the revision it read.
      revision: entry.revision ?? 0,
      checkedInAt: entry.checkedInAt,
      checkedOutAt: entry.checkedOutAt,
      correctedAt: entry.correctedAt,
      longStay: longStayJson(entry, new Date()),
      disclosure,
      guests: entry.guests.map((guest) => decryptGuest(envelope, entry, guest, disclosure)),
    },
  };
});
