import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldHint, FormError, useFieldErrors } from '../../components/ApiMessage';
import { CountryOptions } from '../../components/CountryOptions';
import type { GuestCorrection, RegisterCorrectionRequest, RegisterEntry, RegisteredGuest } from './api';
import { useCorrectRegisterEntry } from './queries';

interface GuestDraft {
  name: string;
  address: string;
  occupation: string;
  hasAddressInJapan: boolean;
  nationality: string;
  passportNumber: string;
}

export interface Draft {
  reason: string;
  /** `YYYY-MM-DDTHH:mm` in Japan time, the value of a datetime-local input; empty for none. */
  checkedInAt: string;
  checkedOutAt: string;
  guests: GuestDraft[];
}

const japanOffsetMs = 9 * 3_600_000;

/** Shows an ISO instant as the Japan wall-clock time a datetime-local input takes. */
function toJapanLocal(iso: string | undefined): string {
  return iso ? new Date(Date.parse(iso) + japanOffsetMs).toISOString().slice(0, 16) : '';
}

function fromJapanLocal(local: string): string {
  return `${local}:00+09:00`;
}

export function guestDraft(guest: RegisteredGuest): GuestDraft {
  return {
    name: guest.name,
    address: guest.address,
    occupation: guest.occupation ?? '',
    hasAddressInJapan: guest.hasAddressInJapan,
    nationality: guest.nationality ?? '',
    passportNumber: guest.passportNumber ?? '',
  };
}

/**
 * Checks the draft as the API will, so most mistakes show beside their field before anything is
 * sent. Returns i18n keys by field path, named as the API names them (`guests.0.passportNumber`).
 * The API checks the stay times further (against the departure date and the check-in it assumes
 * when none is recorded) and names the field in its message.
 */
export function validateCorrection(draft: Draft, stay: Pick<RegisterEntry, 'arrivalDate'>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.reason.trim() === '') errors.reason = 'correction.errors.reasonRequired';
  draft.guests.forEach((guest, index) => {
    const at = (field: string) => `guests.${index}.${field}`;
    if (guest.name.trim() === '') errors[at('name')] = 'correction.errors.required';
    if (guest.address.trim() === '') errors[at('address')] = 'correction.errors.required';
    if (guest.nationality !== '' && !/^[A-Z]{2}$/.test(guest.nationality)) errors[at('nationality')] = 'correction.errors.nationality';
    if (guest.passportNumber !== '' && !/^[A-Z0-9]{6,9}$/i.test(guest.passportNumber.trim())) errors[at('passportNumber')] = 'correction.errors.passportNumber';
    if (!guest.hasAddressInJapan) {
      if (guest.nationality === '') errors[at('nationality')] = 'correction.errors.requiredWithoutAddress';
      if (guest.passportNumber === '') errors[at('passportNumber')] = 'correction.errors.requiredWithoutAddress';
    }
  });
  // datetime-local values (`YYYY-MM-DDTHH:mm`, Japan time) sort as text in time order.
  const arrivalStart = `${stay.arrivalDate}T00:00`;
  if (draft.checkedInAt && draft.checkedInAt < arrivalStart) errors.checkedInAt = 'correction.errors.beforeArrival';
  if (draft.checkedOutAt && draft.checkedOutAt < arrivalStart) {
    errors.checkedOutAt = 'correction.errors.beforeArrival';
  } else if (draft.checkedInAt && draft.checkedOutAt && draft.checkedOutAt <= draft.checkedInAt) {
    errors.checkedOutAt = 'correction.errors.checkOutBeforeCheckIn';
  }
  return errors;
}

/** Builds the request from the fields that differ from the entry; undefined when nothing changed. */
export function correctionRequest(entry: RegisterEntry, draft: Draft): RegisterCorrectionRequest | undefined {
  let changed = false;
  const guests = entry.guests.map((guest, index) => {
    const before = guestDraft(guest);
    const after = draft.guests[index];
    const correction: GuestCorrection = { guestId: guest.guestId };
    for (const field of ['name', 'address', 'occupation', 'nationality', 'passportNumber'] as const) {
      const value = after[field].trim();
      if (value !== before[field] && value !== '') {
        correction[field] = field === 'passportNumber' ? value.toUpperCase() : value;
        changed = true;
      }
    }
    if (after.hasAddressInJapan !== before.hasAddressInJapan) {
      correction.hasAddressInJapan = after.hasAddressInJapan;
      changed = true;
    }
    return correction;
  });
  const request: RegisterCorrectionRequest = { revision: entry.revision, reason: draft.reason.trim(), guests };
  for (const field of ['checkedInAt', 'checkedOutAt'] as const) {
    if (draft[field] !== toJapanLocal(entry[field])) {
      request[field] = draft[field] === '' ? null : fromJapanLocal(draft[field]);
      changed = true;
    }
  }
  return changed ? request : undefined;
}

/**
 * Corrects a register entry. Only changed fields are sent, with the operator's reason. The API
 * keeps each field's original value in the audit trail. It rejects the correction when someone
 * else corrected the entry after it was loaded.
 */
export function CorrectionForm({ entry, onDone }: { entry: RegisterEntry; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const correct = useCorrectRegisterEntry(entry.entryId);
  const [draft, setDraft] = useState<Draft>(() => ({
    reason: '',
    checkedInAt: toJapanLocal(entry.checkedInAt),
    checkedOutAt: toJapanLocal(entry.checkedOutAt),
    guests: entry.guests.map(guestDraft),
  }));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [unchanged, setUnchanged] = useState(false);
  const serverErrors = useFieldErrors(correct.error);
  const errorOf = (field: string) => (clientErrors[field] ? t(clientErrors[field]) : serverErrors[field]);

  function setGuest(index: number, change: Partial<GuestDraft>) {
    setDraft((current) => ({ ...current, guests: current.guests.map((guest, at) => (at === index ? { ...guest, ...change } : guest)) }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validateCorrection(draft, entry);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const request = correctionRequest(entry, draft);
    setUnchanged(request === undefined);
    if (request) correct.mutate(request, { onSuccess: () => onDone(true) });
  }

  const field = (path: string, label: string, input: ReactNode) => (
    <label className="field">
      <span>{label}</span>
      {input}
      <FieldHint text={errorOf(path)} id={`${path}-error`} />
    </label>
  );
  const described = (path: string) => ({ 'aria-invalid': errorOf(path) ? true : undefined, 'aria-describedby': errorOf(path) ? `${path}-error` : undefined });

  return (
    <form className="card correction-form no-print" onSubmit={submit} noValidate aria-labelledby="correction-title" data-testid="correction-form">
      <h2 id="correction-title">{t('correction.title')}</h2>
      <p className="muted">{t('correction.intro')}</p>

      <fieldset className="field-group">
        <legend>{t('correction.stay')}</legend>
        {field('checkedInAt', t('correction.checkedInAt'), (
          <input type="datetime-local" value={draft.checkedInAt} onChange={(event) => setDraft({ ...draft, checkedInAt: event.target.value })} data-testid="correction-checked-in" {...described('checkedInAt')} />
        ))}
        {field('checkedOutAt', t('correction.checkedOutAt'), (
          <input type="datetime-local" value={draft.checkedOutAt} onChange={(event) => setDraft({ ...draft, checkedOutAt: event.target.value })} data-testid="correction-checked-out" {...described('checkedOutAt')} />
        ))}
      </fieldset>

      {draft.guests.map((guest, index) => {
        const path = (name: string) => `guests.${index}.${name}`;
        return (
          <fieldset className="field-group" key={entry.guests[index].guestId} data-testid="correction-guest">
            <legend>{t('entry.guestHeading', { index: index + 1 })}</legend>
            {field(path('name'), t('guest.name'), (
              <input value={guest.name} onChange={(event) => setGuest(index, { name: event.target.value })} data-testid="correction-name" {...described(path('name'))} />
            ))}
            {field(path('address'), t('guest.address'), (
              <input value={guest.address} onChange={(event) => setGuest(index, { address: event.target.value })} data-testid="correction-address" {...described(path('address'))} />
            ))}
            {entry.guests[index].occupation !== undefined &&
              field(path('occupation'), t('guest.occupation'), (
                <input value={guest.occupation} onChange={(event) => setGuest(index, { occupation: event.target.value })} data-testid="correction-occupation" {...described(path('occupation'))} />
              ))}
            <label className="check">
              <input type="checkbox" checked={guest.hasAddressInJapan} onChange={(event) => setGuest(index, { hasAddressInJapan: event.target.checked })} data-testid="correction-resident" />
              <span>{t('correction.hasAddressInJapan')}</span>
            </label>
            {field(path('nationality'), t('correction.nationality'), (
              <select value={guest.nationality} onChange={(event) => setGuest(index, { nationality: event.target.value })} data-testid="correction-nationality" {...described(path('nationality'))}>
                <option value="">{t('correction.noNationality')}</option>
                <CountryOptions />
              </select>
            ))}
            {field(path('passportNumber'), t('guest.passportNumber'), (
              <input value={guest.passportNumber} onChange={(event) => setGuest(index, { passportNumber: event.target.value })} data-testid="correction-passport-number" {...described(path('passportNumber'))} />
            ))}
          </fieldset>
        );
      })}

      {field('reason', t('correction.reason'), (
        <textarea value={draft.reason} rows={2} maxLength={500} onChange={(event) => setDraft({ ...draft, reason: event.target.value })} data-testid="correction-reason" {...described('reason')} />
      ))}

      {unchanged && (
        <p className="status status-error" role="alert" data-testid="correction-unchanged">
          {t('correction.errors.unchanged')}
        </p>
      )}
      {correct.isError && <FormError error={correct.error} />}
      <div className="actions">
        <button type="submit" className="button" disabled={correct.isPending} data-testid="correction-submit">
          {correct.isPending ? t('correction.saving') : t('correction.save')}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone(false)} data-testid="correction-cancel">
          {t('correction.cancel')}
        </button>
      </div>
    </form>
  );
}
