import type { PersonMatcher } from '../guest-pii/person-identity';
import { guestFieldName, type TenantEnvelope } from '../guest-pii/tenant-envelope';
import { InvalidRequestError } from '../http/domain-errors';
import { fieldLabel, fieldMessage, requestBodyLabel, type FieldLabels, type Reason } from '../http/validation-messages';
import type { RegisterEntry, SealedGuest } from './register-entry';
import { findStayTimeProblem } from './stay-time-rules';

/** Guest fields an operator may correct; PII fields are encrypted again before they are stored. */
export interface GuestCorrection {
  readonly guestId: string;
  readonly name?: string;
  readonly address?: string;
  readonly occupation?: string;
  readonly hasAddressInJapan?: boolean;
  readonly nationality?: string;
  readonly passportNumber?: string;
}

export interface RegisterCorrection {
  /** Real check-in and check-out as ISO 8601; null clears a recorded time. */
  readonly checkedInAt?: string | null;
  readonly checkedOutAt?: string | null;
  readonly guests?: readonly GuestCorrection[];
}

const piiFields = ['name', 'address', 'occupation', 'passportNumber'] as const;

/** Labels of the correction form's fields, as the register entry screen names them. */
export const correctionFieldLabels: FieldLabels = {
  body: requestBodyLabel,
  revision: { ja: '記録の版', en: 'entry revision' },
  reason: { ja: '訂正の理由', en: 'reason for the correction' },
  arrivalDate: { ja: '到着日', en: 'arrival date' },
  departureDate: { ja: '出発日', en: 'departure date' },
  checkedInAt: { ja: 'チェックイン日時', en: 'check-in' },
  checkedOutAt: { ja: 'チェックアウト日時', en: 'check-out' },
  guests: { ja: '宿泊者', en: 'guests' },
  'guests.*': { ja: '宿泊者 {n}', en: 'guest {n}' },
  'guests.*.guestId': { ja: '宿泊者 {n} の ID', en: 'guest {n} id' },
  'guests.*.name': { ja: '宿泊者 {n} の氏名', en: 'guest {n} name' },
  'guests.*.address': { ja: '宿泊者 {n} の住所', en: 'guest {n} address' },
  'guests.*.occupation': { ja: '宿泊者 {n} の職業', en: 'guest {n} occupation' },
  'guests.*.hasAddressInJapan': { ja: '宿泊者 {n} の日本国内の住所', en: 'guest {n} address in Japan' },
  'guests.*.nationality': { ja: '宿泊者 {n} の国籍', en: 'guest {n} nationality' },
  'guests.*.passportNumber': { ja: '宿泊者 {n} の旅券番号', en: 'guest {n} passport number' },
};

/** Builds the error for one field of a correction, named by its label. */
function correctionError(field: string, reason: Reason): InvalidRequestError {
  return new InvalidRequestError(fieldMessage(fieldLabel(field, correctionFieldLabels), reason), field);
}

/**
 * Applies a correction to an entry. Returns the corrected entry and, per changed field path, the
 * value before the change: ciphertext for PII fields, so the audit trail never contains plaintext.
 * Errors name the field and the guest id only.
 */
export function applyCorrection(
  entry: RegisterEntry,
  correction: RegisterCorrection,
  envelope: TenantEnvelope,
  at: Date,
): { corrected: RegisterEntry; original: Record<string, unknown> } {
  const original: Record<string, unknown> = {};
  const guests = entry.guests.map((guest) => ({ ...guest })) as { -readonly [Key in keyof SealedGuest]: SealedGuest[Key] }[];

  for (const [index, change] of (correction.guests ?? []).entries()) {
    const guest = guests.find((candidate) => candidate.guestId === change.guestId);
    if (!guest) {
      throw correctionError(`guests.${index}.guestId`, { ja: 'この記録の宿泊者ではありません', en: 'not a guest of this entry' });
    }
    for (const field of piiFields) {
      const value = change[field];
      if (value === undefined) continue;
      original[`guests/${guest.guestId}/${field}`] = guest[field] ?? null;
      guest[field] = envelope.encryptField(entry.entryId, guestFieldName(guest.guestId, field), value);
    }
    if (change.hasAddressInJapan !== undefined && change.hasAddressInJapan !== guest.hasAddressInJapan) {
      original[`guests/${guest.guestId}/hasAddressInJapan`] = guest.hasAddressInJapan;
      guest.hasAddressInJapan = change.hasAddressInJapan;
    }
    if (change.nationality !== undefined && change.nationality !== guest.nationality) {
      original[`guests/${guest.guestId}/nationality`] = guest.nationality ?? null;
      guest.nationality = change.nationality;
    }
    // 住宅宿泊事業法 施行規則 第7条: a guest without an address in Japan needs 国籍 and 旅券番号.
    if (!guest.hasAddressInJapan && (guest.nationality === undefined || guest.passportNumber === undefined)) {
      const missing = guest.nationality === undefined ? 'nationality' : 'passportNumber';
      throw correctionError(`guests.${index}.${missing}`, {
        ja: '日本国内に住所のない宿泊者には必須です',
        en: 'required for a guest without an address in Japan',
      });
    }
  }

  const checkedInAt = correctedTime(entry, correction.checkedInAt, 'checkedInAt', original);
  const checkedOutAt = correctedTime(entry, correction.checkedOutAt, 'checkedOutAt', original);
  if (correction.checkedInAt !== undefined || correction.checkedOutAt !== undefined) {
    // Only a correction of the times checks them, so an older entry with inconsistent times can
    // still have its guests corrected. The reports skip such an entry and list it.
    const problem = findStayTimeProblem({ ...entry, checkedInAt, checkedOutAt });
    if (problem) throw correctionError(problem.field, problem.reason);
  }
  if (Object.keys(original).length === 0) {
    throw correctionError('body', { ja: '変更された項目がありません', en: 'the correction changes nothing' });
  }

  const corrected: RegisterEntry = {
    ...entry,
    guests,
    checkedInAt,
    checkedOutAt,
    revision: (entry.revision ?? 0) + 1,
    correctedAt: at.toISOString(),
  };
  return { corrected, original };
}

function correctedTime(
  entry: RegisterEntry,
  requested: string | null | undefined,
  field: 'checkedInAt' | 'checkedOutAt',
  original: Record<string, unknown>,
): string | undefined {
  const current = entry[field];
  if (requested === undefined) return current;
  const next = requested === null ? undefined : new Date(requested).toISOString();
  if (next !== current) original[field] = current ?? null;
  return next;
}

const identityFields = ['name', 'address', 'hasAddressInJapan', 'nationality', 'passportNumber'] as const;

/**
 * Computes the person key again for each guest whose identifying fields a correction changed, so
 * a corrected name or passport number links the stay to the right person. Without a matcher
 * (the tenant never had one) the entry keeps counting its guests apart, as before.
 */
export function rekeyCorrectedGuests(
  corrected: RegisterEntry,
  original: Readonly<Record<string, unknown>>,
  envelope: TenantEnvelope,
  matcher: PersonMatcher | undefined,
): RegisterEntry {
  if (!matcher) return corrected;
  const guests = corrected.guests.map((guest) => {
    if (!identityFields.some((field) => `guests/${guest.guestId}/${field}` in original)) return guest;
    const decrypt = (field: 'name' | 'address' | 'passportNumber') => {
      const sealed = guest[field];
      return sealed === undefined ? undefined : envelope.decryptField(corrected.entryId, guestFieldName(guest.guestId, field), sealed);
    };
    const personKey = matcher.personKeyOf({
      name: decrypt('name')!,
      address: decrypt('address')!,
      hasAddressInJapan: guest.hasAddressInJapan,
      nationality: guest.nationality,
      passportNumber: decrypt('passportNumber'),
    });
    return { ...guest, personKey };
  });
  return { ...corrected, guests };
}
