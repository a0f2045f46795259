import { z } from 'zod';
import { ConflictError, InvalidRequestError, NotFoundError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { fieldMessage, type FieldLabel, type FieldLabels } from '../http/validation-messages';
import { facilityFieldMessage, facilityIdLabel, validateFacilityInput, type FacilityInput } from './facility-input';
import { formatAddress, withAnnualDayLimit, type Facility, type FacilityDetails } from './facility-repository';

/**
 * Turns validated input into the stored fields, with the address also on one line. The local
 * day limit goes into the report settings, next to the settings of `current` that the form does
 * not edit.
 */
export function toFacilityDetails(input: FacilityInput, current?: Facility): FacilityDetails {
  const postalAddress = {
    postalCode: input.postalCode,
    prefecture: input.prefecture,
    city: input.city,
    street: input.street,
    building: input.building,
  };
  const houseRules = Object.fromEntries(Object.entries(input.houseRules).filter(([, text]) => text !== undefined));
  return {
    name: input.name,
    licenceType: input.licenceType,
    licenceNumber: input.licenceNumber,
    address: formatAddress(postalAddress),
    postalAddress,
    capacity: input.capacity,
    officeId: input.officeId,
    houseRules,
    entryCode: input.entryCode,
    notificationDate: input.notificationDate,
    reportSettings: withAnnualDayLimit(current?.reportSettings, input.localDayLimit),
  };
}

/** The error a handler raises for a licence number another facility of the tenant has. */
export function duplicateLicenceError(): ConflictError {
  return new ConflictError(
    facilityFieldMessage('licenceNumber', { ja: '同じ番号の施設がすでに登録されています', en: 'another facility already has this number' }),
    'licenceNumber',
  );
}

export const facilityPathSchema = z.object({ facilityId: z.string().trim().min(1).max(64) });
export const facilityPathLabels: FieldLabels = { facilityId: facilityIdLabel };

/** Message of the 404 that handlers return for a missing facility and for one outside the caller's offices. */
export const facilityNotFound = { ja: '施設が見つかりません', en: 'facility not found', field: 'facilityId' };

/** The error a handler raises for an office id that names no office of the tenant. */
export function officeNotFoundError(): NotFoundError {
  return new NotFoundError(facilityFieldMessage('officeId', { ja: '指定の拠点が見つかりません', en: 'office not found' }), 'officeId');
}

/** Validates a facility body; every field error is returned, the first one also as `field`. */
export function parseFacilityBody(body: unknown): FacilityInput {
  const result = validateFacilityInput(body);
  if (result.ok) return result.value;
  const [first] = result.errors;
  throw new InvalidRequestError(first.message, first.field, result.errors);
}

/** Label of the revision an edit sends back, as error messages name it. */
export const facilityRevisionLabel: FieldLabel = { ja: '施設情報の版', en: 'facility revision' };

const revisionSchema = z.object({ revision: z.number().int().min(0) });

/**
 * Validates the body of an edit: the facility fields, and the `revision` the operator read. The
 * revision is checked first, so that a body without it gets an error naming that field.
 */
export function parseFacilityEdit(body: unknown): { revision: number; input: FacilityInput } {
  const { revision } = parseInput(revisionSchema, body, { revision: facilityRevisionLabel });
  const fields = { ...(body as Record<string, unknown>) };
  delete fields.revision;
  return { revision, input: parseFacilityBody(fields) };
}

/** The 409 a handler raises when the facility changed after the operator read it. */
export function staleFacilityError(): ConflictError {
  return new ConflictError(
    fieldMessage(facilityRevisionLabel, {
      ja: 'この施設は他の利用者が先に更新しました。入力内容を控えてからページを再読み込みし、最新の内容に対してもう一度保存してください',
      en: 'the facility was changed meanwhile: note your changes, reload the page and save again',
    }),
    'revision',
  );
}
