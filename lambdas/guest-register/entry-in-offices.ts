import { NotFoundError } from '../http/domain-errors';
import { requireInOffices, type OperatorAccess } from '../organisation/access-context';
import type { FacilityRepository } from '../facility/facility-repository';
import type { RegisterEntry } from './register-entry';
import type { RegisterRepository } from './register-repository';

/**
 * Loads a register entry the caller may see. An entry of a facility outside the caller's
 * offices is answered like a missing one.
 */
export async function loadEntryInOffices(
  deps: { register: RegisterRepository; facilities: FacilityRepository },
  caller: OperatorAccess,
  entryId: string,
): Promise<RegisterEntry> {
  const entry = await deps.register.getEntry(caller.tenantId, entryId);
  if (!entry) {
    throw new NotFoundError('宿泊者名簿の記録が見つかりません / register entry not found', 'entryId');
  }
  requireInOffices(caller, await deps.facilities.getFacility(caller.tenantId, entry.facilityId), {
    ja: '宿泊者名簿の記録が見つかりません',
    en: 'register entry not found',
    field: 'entryId',
  });
  return entry;
}
