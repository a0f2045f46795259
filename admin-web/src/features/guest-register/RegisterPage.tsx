import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/routes';
import { FieldHint, useFieldErrors } from '../../components/ApiMessage';
import { DateField } from '../../components/DateField';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { countryChoices } from '../../i18n/countries';
import { countNights, formatCalendarDate } from '../../i18n/format';
import { useFacilities } from '../facilities/queries';
import { useCan } from '../me/permissions';
import type { RegisterEntrySummary, RegisterQuery } from './api';
import { useRegisterEntries } from './queries';
import { nationalityFilterOf } from './nationality-filter';
import { RegisterExportPanel } from './RegisterExportPanel';

type Filters = Omit<RegisterQuery, 'cursor'>;

/** The facility filter's value for all facilities the user may see. */
const allFacilities = '';

/**
 * Lists the 宿泊者名簿 stays of one facility, or of all facilities the user may see (the default when
 * there are several), optionally limited to an arrival-date range.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const facilities = useFacilities();
  // The export hint would send staff without the export grant to a facility that cannot export.
  const canExport = useCan('register:export');
  const [draft, setDraft] = useState<Filters>({ facilityId: '', from: '', to: '', nationality: '' });
  // The nationality filter is typed text with the country list as suggestions, so it can be searched.
  const [nationalityText, setNationalityText] = useState('');
  const [nationalityInvalid, setNationalityInvalid] = useState(false);
  const choices = useMemo(() => countryChoices(i18n.language), [i18n.language]);
  const [applied, setApplied] = useState<Filters | null>(null);
  const [rangeInvalid, setRangeInvalid] = useState(false);
  const entries = useRegisterEntries(applied);
  const errors = useFieldErrors(entries.error);

  // Show the register as soon as the facilities are known: all of them when there are several.
  const facilityList = facilities.data;
  useEffect(() => {
    if (!facilityList || facilityList.length === 0 || applied !== null) return;
    const facilityId = facilityList.length === 1 ? facilityList[0].facilityId : allFacilities;
    const initial = { facilityId, from: '', to: '', nationality: '' };
    setDraft(initial);
    setApplied(initial);
  }, [facilityList, applied]);

  function search(event: FormEvent) {
    event.preventDefault();
    const invalid = Boolean(draft.from && draft.to && draft.from > draft.to);
    const nationality = nationalityFilterOf(nationalityText, choices, t('register.resident'));
    setRangeInvalid(invalid);
    setNationalityInvalid(nationality === undefined);
    if (!invalid && nationality !== undefined) setApplied({ ...draft, nationality });
  }

  if (facilities.isPending) return <LoadingMessage />;
  if (facilities.isError) {
    return <ErrorMessage error={facilities.error} onRetry={() => void facilities.refetch()} />;
  }
  if (facilities.data.length === 0) return <EmptyMessage text={t('register.noFacility')} />;

  const rows = entries.data?.pages.flatMap((page) => page.entries) ?? [];
  const showsAllFacilities = applied?.facilityId === allFacilities;
  const facilityNames = new Map(facilities.data.map((facility) => [facility.facilityId, facility.name]));

  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{t('register.title')}</h1>

      <form className="card register-filters" onSubmit={search} aria-label={t('register.filters')}>
        <label className="field">
          <span>{t('register.facility')}</span>
          <select
            value={draft.facilityId}
            onChange={(event) => setDraft({ ...draft, facilityId: event.target.value })}
            aria-invalid={errors.facilityId ? true : undefined}
            aria-describedby={errors.facilityId ? 'register-facility-error' : undefined}
            data-testid="register-facility"
          >
            {facilities.data.length > 1 && <option value={allFacilities}>{t('register.allFacilities')}</option>}
            {facilities.data.map((facility) => (
              <option key={facility.facilityId} value={facility.facilityId}>
                {facility.name}
              </option>
            ))}
          </select>
          <FieldHint text={errors.facilityId} id="register-facility-error" />
        </label>
        <DateField label={t('register.from')} value={draft.from ?? ''} onChange={(from) => setDraft({ ...draft, from })} error={errors.from} testId="register-from" />
        <DateField label={t('register.to')} value={draft.to ?? ''} onChange={(to) => setDraft({ ...draft, to })} error={errors.to} testId="register-to" />
        <label className="field">
          <span>{t('register.nationality')}</span>
          <input
            list="register-nationality-options"
            value={nationalityText}
            placeholder={t('register.allNationalities')}
            onChange={(event) => setNationalityText(event.target.value)}
            aria-invalid={nationalityInvalid ? true : undefined}
            aria-describedby={nationalityInvalid ? 'register-nationality-error' : undefined}
            data-testid="register-nationality"
          />
          <datalist id="register-nationality-options">
            <option value={t('register.resident')} />
            {choices.map((choice) => (
              <option key={choice.code} value={choice.label} />
            ))}
          </datalist>
          <FieldHint text={nationalityInvalid ? t('register.nationalityInvalid') : undefined} id="register-nationality-error" />
        </label>
        <button type="submit" className="button primary" data-testid="register-search">
          {t('register.search')}
        </button>
      </form>
      {applied && !showsAllFacilities && <RegisterExportPanel facilityId={applied.facilityId} from={applied.from} to={applied.to} />}
      {showsAllFacilities && canExport && (
        <p className="muted" data-testid="register-export-choose-facility">
          {t('register.export.chooseFacility')}
        </p>
      )}
      {rangeInvalid && (
        <p className="status status-error" role="alert">
          {t('register.invalidRange')}
        </p>
      )}

      {entries.isPending && applied && <LoadingMessage />}
      {entries.isError && <ErrorMessage error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.isSuccess && rows.length === 0 && <EmptyMessage text={t('register.empty')} testId="register-empty" />}

      {rows.length > 0 && (
        <ul className="register-list" data-testid="register-list">
          {rows.map((entry) => (
            <RegisterRow
              key={entry.entryId}
              entry={entry}
              facilityName={showsAllFacilities ? (facilityNames.get(entry.facilityId) ?? entry.facilityId) : undefined}
            />
          ))}
        </ul>
      )}

      <LoadMoreButton pages={entries} testId="register-load-more" />
    </section>
  );
}

/** Renders one stay, with its facility's name when the list mixes facilities. */
function RegisterRow({ entry, facilityName }: { entry: RegisterEntrySummary; facilityName?: string }) {
  const { t, i18n } = useTranslation();
  const nights = countNights(entry.arrivalDate, entry.departureDate);

  return (
    <li className="card register-row" data-testid="register-row" data-entry-id={entry.entryId} data-facility-id={entry.facilityId}>
      <div className="register-stay">
        {facilityName !== undefined && (
          <span className="register-row-facility" data-testid="register-row-facility">
            {facilityName}
          </span>
        )}
        <span className="label">{t('register.stay')}</span>
        <span data-testid="register-row-stay">
          {t('register.stayRange', {
            arrival: formatCalendarDate(entry.arrivalDate, i18n.language),
            departure: formatCalendarDate(entry.departureDate, i18n.language),
          })}
        </span>
        <span className="muted">{t('register.nights', { count: nights })}</span>
        {entry.longStay && (
          <span className="badge badge-alert" data-testid="register-row-long-stay">
            {t('register.longStay')}
          </span>
        )}
        {entry.longStayConfirmationDue && (
          <span className="badge badge-alert" data-testid="register-row-long-stay-due">
            {t('register.longStayDue')}
          </span>
        )}
      </div>
      <div className="register-guests">
        <span className="label">
          {t('register.guests')} · <span data-testid="register-row-guest-count">{t('register.guestCount', { count: entry.guestCount })}</span>
        </span>
        <span data-testid="register-row-guest-names">{entry.guests.map((guest) => guest.name).join(t('register.nameSeparator'))}</span>
      </div>
      <a className="button secondary" href={routeHref({ name: 'entry', entryId: entry.entryId })} data-testid="register-row-open">
        {t('register.open')}
      </a>
    </li>
  );
}
