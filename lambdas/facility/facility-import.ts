import { randomUUID } from 'node:crypto';
import type { Attach } from '../aws/transact-write';
import { reachesOffice, type OperatorAccess } from '../organisation/access-context';
import { toFacilityDetails } from './facility-details';
import type { Reason } from '../http/validation-messages';
import { facilityFieldMessage, type FacilityField, type FacilityInput, type FieldError } from './facility-input';
import { importColumns, type ImportField } from './facility-csv';
import { DuplicateLicenceNumberError, houseRuleLanguages, StaleFacilityError, type Facility, type FacilityRepository, type HouseRuleLanguage } from './facility-repository';

export type ImportAction = 'create' | 'update' | 'unchanged' | 'invalid';

/** Outcome of importing one row, decided against the facilities stored now. */
export interface PlannedRow {
  readonly rowNumber: number;
  readonly action: ImportAction;
  readonly input?: FacilityInput;
  readonly existing?: Facility;
  /** Input fields an update row changes, in template column order. Other rows have none. */
  readonly changedFields?: readonly FacilityField[];
  readonly errors: readonly FieldError[];
}

/**
 * Decides per row whether it creates a facility, updates the one with the same licence number,
 * or changes nothing, so that importing the same file twice creates nothing the second time.
 * Rows the caller may not write (an office outside their reach) become invalid.
 */
export function planImport(
  access: OperatorAccess,
  rows: readonly { rowNumber: number; input?: FacilityInput; errors: readonly FieldError[] }[],
  stored: { readonly facilities: readonly Facility[]; readonly officeIds: ReadonlySet<string> },
): PlannedRow[] {
  const byLicence = new Map(stored.facilities.map((facility) => [facility.licenceNumber, facility]));
  return rows.map((row) => {
    if (!row.input || row.errors.length > 0) return { rowNumber: row.rowNumber, action: 'invalid', errors: row.errors };
    const existing = byLicence.get(row.input.licenceNumber);
    // The kept values travel in the planned input, which the preview returns for the confirm request.
    const input = existing ? withStoredOptionalFields(row.input, existing) : row.input;
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
    const changedFields = changedInputFields(existing, input);
    return { rowNumber: row.rowNumber, action: changedFields.length === 0 ? 'unchanged' : 'update', input, existing, changedFields, errors: [] };
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

/**
 * Fills the optional fields a row leaves empty with the stored values, because operators fill a
 * template with the columns they mean to change and an empty cell must not erase a door code or
 * house rules. The day limit is kept only while the row stays 住宅宿泊事業, the one licence type
 * that accepts it.
 */
function withStoredOptionalFields(input: FacilityInput, existing: Facility): FacilityInput {
  const storedDayLimit = input.licenceType === 'private-lodging' ? existing.reportSettings?.annualDayLimit : undefined;
  const filledHouseRules = Object.fromEntries(Object.entries(input.houseRules).filter(([, text]) => text !== undefined));
  return {
    ...input,
    building: input.building ?? existing.postalAddress?.building,
    entryCode: input.entryCode ?? existing.entryCode,
    localDayLimit: input.localDayLimit ?? storedDayLimit,
    notificationDate: input.notificationDate ?? existing.notificationDate,
    houseRules: { ...existing.houseRules, ...filledHouseRules },
  };
}

/** Returns the input fields whose value differs from the stored facility's, in template column order. */
function changedInputFields(existing: Facility, input: FacilityInput): FacilityField[] {
  const stored = storedInput(existing);
  return importColumns
    .map((column) => column.field)
    .filter((field) => stored[field] !== inputValue(input, field));
}

/** Maps a stored facility to the values of the import's input fields. */
function storedInput(facility: Facility): Record<ImportField, unknown> {
  const houseRules = Object.fromEntries(houseRuleLanguages.map((language) => [`houseRules.${language}`, facility.houseRules?.[language]]));
  return {
    name: facility.name,
    licenceType: facility.licenceType,
    licenceNumber: facility.licenceNumber,
    notificationDate: facility.notificationDate,
    postalCode: facility.postalAddress?.postalCode,
    prefecture: facility.postalAddress?.prefecture,
    city: facility.postalAddress?.city,
    street: facility.postalAddress?.street,
    building: facility.postalAddress?.building,
    capacity: facility.capacity,
    officeId: facility.officeId,
    entryCode: facility.entryCode,
    localDayLimit: facility.reportSettings?.annualDayLimit,
    ...houseRules,
  } as Record<ImportField, unknown>;
}

function inputValue(input: FacilityInput, field: ImportField): unknown {
  if (field.startsWith('houseRules.')) return input.houseRules[field.slice('houseRules.'.length) as HouseRuleLanguage];
  return input[field as Exclude<ImportField, `houseRules.${string}`>];
}
