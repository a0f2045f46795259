import { randomUUID } from 'node:crypto';
import type { Attach } from '../aws/transact-write';
import { reachesOffice, type OperatorAccess } from '../organisation/access-context';
import { changedFieldNames } from '../organisation/admin-audit';
import { toFacilityDetails } from './facility-details';
import type { Reason } from '../http/validation-messages';
import { facilityFieldMessage, type FacilityField, type FacilityInput, type FieldError } from './facility-input';
import { DuplicateLicenceNumberError, StaleFacilityError, type Facility, type FacilityRepository } from './facility-repository';

export type ImportAction = 'create' | 'update' | 'unchanged' | 'invalid';

/** Outcome of importing one row, decided against the facilities stored now. */
export interface PlannedRow {
  readonly rowNumber: number;
  readonly action: ImportAction;
  readonly input?: FacilityInput;
  readonly existing?: Facility;
  readonly errors: readonly FieldError[];
}

/**
 * Decides per row whether it creates a facility, updates the one with the same licence number,
 * or changes nothing, so that importing the same file twice creates nothing the second time.
 * Rows the caller may not write (an office outside their reach) become invalid.
 */
export function planImport(
  access: OperatorAccess,
  rows: readonly { rowNumber: number; input?: FacilityInput; errors: readonly FieldError[]; keepsStoredNotificationDate?: boolean }[],
  stored: { readonly facilities: readonly Facility[]; readonly officeIds: ReadonlySet<string> },
): PlannedRow[] {
  const byLicence = new Map(stored.facilities.map((facility) => [facility.licenceNumber, facility]));
  return rows.map((row) => {
    if (!row.input || row.errors.length > 0) return { rowNumber: row.rowNumber, action: 'invalid', errors: row.errors };
    const existing = byLicence.get(row.input.licenceNumber);
    // The kept date travels in the planned input, which the preview returns for the confirm request.
    const input = row.keepsStoredNotificationDate && existing ? { ...row.input, notificationDate: existing.notificationDate } : row.input;
    if (!stored.officeIds.has(input.officeId)) {
      return invalid(row.rowNumber, 'officeId', { ja: '指定の拠点が見つかりません', en: 'office not found' });
    }
    if (!reachesOffice(access, input.officeId)) {
      return invalid(row.rowNumber, 'officeId', { ja: '担当していない拠点です', en: 'you do not belong to this office' });
    }
    if (!existing) return { rowNumber: row.rowNumber, action: 'create', input, errors: [] };
    if (!reachesOffice(access, existing.officeId)) {
      return invalid(row.rowNumber, 'licenceNumber', { ja: 'この番号の施設は担当外の拠点にあります', en: 'a facility outside your offices has this number' });
    }
    const changed = changedFieldNames(editableFields(existing), editableFields({ ...existing, ...toFacilityDetails(input, existing) }));
    return { rowNumber: row.rowNumber, action: changed.length === 0 ? 'unchanged' : 'update', input, existing, errors: [] };
  });
}

/** Result of writing one planned row. */
export interface AppliedRow {
  readonly rowNumber: number;
  readonly action: ImportAction;
  readonly facilityId?: string;
  readonly errors: readonly FieldError[];
}

/**
 * Writes the create and update rows, a few at a time; a row that fails does not stop the others.
 * Each row is one transaction with the writes `attach` returns for it, such as its audit record.
 */
export async function applyImport(
  facilities: FacilityRepository,
  tenantId: string,
  plan: readonly PlannedRow[],
  attach?: Attach<Facility>,
): Promise<AppliedRow[]> {
  const results: AppliedRow[] = new Array(plan.length);
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next++;
      results[index] = await applyRow(facilities, tenantId, plan[index], attach);
    }
  };
  // DynamoDB takes these in parallel; 8 keeps a 1,000-row import well inside the route's timeout.
  await Promise.all(Array.from({ length: 8 }, worker));
  return results;
}

async function applyRow(facilities: FacilityRepository, tenantId: string, row: PlannedRow, attach: Attach<Facility> | undefined): Promise<AppliedRow> {
  const { rowNumber, action, input, existing } = row;
  if (action === 'invalid' || action === 'unchanged' || !input) {
    return { rowNumber, action, facilityId: existing?.facilityId, errors: row.errors };
  }
  try {
    if (action === 'update' && existing) {
      await facilities.updateFacility(existing, toFacilityDetails(input, existing), attach);
      return { rowNumber, action, facilityId: existing.facilityId, errors: [] };
    }
    const facilityId = randomUUID();
    await facilities.addFacility(tenantId, facilityId, toFacilityDetails(input), attach);
    return { rowNumber, action, facilityId, errors: [] };
  } catch (error) {
    if (error instanceof DuplicateLicenceNumberError) {
      return invalid(rowNumber, 'licenceNumber', { ja: '同じ番号の施設が取り込み中に登録されました', en: 'another facility took this number meanwhile' });
    }
    if (error instanceof StaleFacilityError) {
      return invalid(rowNumber, 'licenceNumber', {
        ja: 'この番号の施設が取り込み中に他の利用者に更新されました。もう一度プレビューしてから取り込んでください',
        en: 'the facility with this number was changed meanwhile: preview the file again and import',
      });
    }
    throw error;
  }
}

function invalid(rowNumber: number, field: FacilityField, reason: Reason) {
  return { rowNumber, action: 'invalid' as const, errors: [{ field, message: facilityFieldMessage(field, reason) }] };
}

function editableFields(facility: Facility) {
  const { name, licenceType, licenceNumber, address, postalAddress, capacity, officeId, houseRules, entryCode, notificationDate, reportSettings } = facility;
  return { name, licenceType, licenceNumber, address, postalAddress, capacity, officeId, houseRules, entryCode, notificationDate, reportSettings };
}
