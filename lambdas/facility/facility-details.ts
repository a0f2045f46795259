import { z } from 'zod';
import { ConflictError, InvalidRequestError, NotFoundError } from '../http/domain-errors';
import type { FieldLabels } from '../http/validation-messages';
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
