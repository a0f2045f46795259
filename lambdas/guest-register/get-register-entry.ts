import { z } from 'zod';
import { createApiHandler } from '../http/api-handler';
import { parseInput } from '../http/request-parsing';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { loadEntryInOffices } from './entry-in-offices';
import { auditLog, decryptGuest, registerRepository, tenantDataKeys } from './register-access';

const logger = createLogger('get-register-entry');
const { access, facilities } = createDirectoryServices();
const pathSchema = z.object({ entryId: z.string().trim().min(1).max(64) });

/** GET /register/{entryId}: one stay with every guest and every field decrypted. */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:read');
  const { entryId } = parseInput(pathSchema, event.pathParameters ?? {});
  logger.appendKeys({ entryId });

  const entry = await loadEntryInOffices({ register: registerRepository, facilities }, caller, entryId);
  await auditLog.record({
    tenantId: caller.tenantId,
    userId: caller.userId,
    action: 'view',
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
      guests: entry.guests.map((guest) => decryptGuest(envelope, entry, guest)),
    },
  };
});
