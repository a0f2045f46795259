import { z } from 'zod';
import { isoCountryCodes } from '../../kiosk/src/check-in/countries';
import { maxAddressLength, maxNameLength, maxOccupationLength } from '../../kiosk/src/check-in/validation';
import { guestTextSchema } from '../check-in/guest-text-schema';
import { createApiHandler } from '../http/api-handler';
import { ConflictError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { fieldMessage } from '../http/validation-messages';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { loadEntryInOffices } from './entry-in-offices';
import { auditLog, registerRepository, tenantDataKeys } from './register-access';
import { applyCorrection, correctionFieldLabels, rekeyCorrectedGuests } from './register-correction';
import { registerPathLabels } from './register-field-labels';

const logger = createLogger('correct-register-entry');
const { access, facilities } = createDirectoryServices();
const pathSchema = z.object({ entryId: z.string().trim().min(1).max(64) });
const countryCodes = new Set(isoCountryCodes);
const instant = z.string().datetime({ offset: true }).nullable().optional();
const bodySchema = z
  .object({
    /** Revision the operator read; a correction made since then rejects this one. */
    revision: z.number().int().min(0),
    reason: z.string().trim().min(1).max(500),
    checkedInAt: instant,
    checkedOutAt: instant,
    guests: z
      .array(
        z
          .object({
            guestId: z.string().min(1).max(64),
            // The kiosk's limits, so a correction cannot store what a check-in could not.
            name: guestTextSchema(maxNameLength).optional(),
            address: guestTextSchema(maxAddressLength).optional(),
            occupation: guestTextSchema(maxOccupationLength).optional(),
            hasAddressInJapan: z.boolean().optional(),
            nationality: z
              .string()
              .refine((code) => countryCodes.has(code), '国名コードが ISO 3166-1 にありません / not an ISO 3166-1 alpha-2 country code')
              .optional(),
            passportNumber: z.string().trim().regex(/^[A-Z0-9]{6,9}$/i, '英数字 6〜9 文字で入力してください / must be 6 to 9 letters or digits').optional(),
          })
          .strict(),
      )
      .max(50)
      .optional(),
  })
  .strict();

/**
 * PATCH /register/{entryId} with `{ revision, reason, checkedInAt?, checkedOutAt?, guests? }`:
 * corrects a register entry. The audit trail keeps every changed field's original value (PII
 * as its ciphertext) with the reason, written in the same transaction as the correction.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:correct');
  const { entryId } = parseInput(pathSchema, event.pathParameters ?? {}, registerPathLabels);
  logger.appendKeys({ entryId });
  const body = parseInput(bodySchema, parseJsonBody(event.body, event.isBase64Encoded), correctionFieldLabels);

  const entry = await loadEntryInOffices({ register: registerRepository, facilities }, caller, entryId);
  const stale = new ConflictError(
    fieldMessage(correctionFieldLabels.revision, {
      ja: 'この記録は他の利用者が先に修正しました。最新の内容を読み込んでから修正してください',
      en: 'the entry was corrected meanwhile: reload it and correct again',
    }),
    'revision',
  );
  if ((entry.revision ?? 0) !== body.revision) throw stale;

  const envelope = await tenantDataKeys.envelopeForRead(caller.tenantId, entry.keyPeriod);
  const now = new Date();
  const applied = applyCorrection(entry, body, envelope, now);
  const original = applied.original;
  const corrected = rekeyCorrectedGuests(applied.corrected, original, envelope, await tenantDataKeys.personMatcherForRead(caller.tenantId));
  const audit = auditLog.putInput(
    {
      tenantId: caller.tenantId,
      userId: caller.userId,
      action: 'correct',
      resource: 'register-entry',
      entryIds: [entryId],
      requestId: event.requestContext?.requestId,
      correction: { reason: body.reason, fromRevision: body.revision, original },
    },
    now,
  );
  if (!(await registerRepository.saveCorrection(corrected, body.revision, audit))) throw stale;

  logger.info('Register entry corrected', { fields: Object.keys(original).length, revision: corrected.revision });
  return { body: { entryId, revision: corrected.revision, correctedAt: corrected.correctedAt, changedFields: Object.keys(original) } };
});
