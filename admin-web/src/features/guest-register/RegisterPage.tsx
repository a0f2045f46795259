import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/routes';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { countNights, formatCalendarDate, formatNationality } from '../../i18n/format';
import { useFacilities } from '../facilities/queries';
import type { RegisterEntrySummary, RegisterQuery } from './api';
import { useRegisterEntries } from './queries';
import { RegisterExportPanel } from './RegisterExportPanel';

type Filters = Omit<RegisterQuery, 'cursor'>;

/** Nationalities offered by the filter: the countries the 定期報告 counts one by one. */
const filterNationalities = ['JP', 'KR', 'TW', 'HK', 'CN', 'TH', 'SG', 'MY', 'ID', 'PH', 'VN', 'IN', 'GB', 'DE', 'FR', 'IT', 'ES', 'RU', 'US', 'CA', 'AU'];

/** Lists the 宿泊者名簿 stays of one facility, optionally limited to an arrival-date range. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const facilities = useFacilities();
  const [draft, setDraft] = useState<Filters>({ facilityId: '', from: '', to: '', nationality: '' });
  const [applied, setApplied] = useState<Filters | null>(null);
  const [rangeInvalid, setRangeInvalid] = useState(false);
  const entries = useRegisterEntries(applied);

  // Show the first facility's register as soon as the facilities are known.
  const firstFacilityId = facilities.data?.[0]?.facilityId;
  useEffect(() => {
    if (firstFacilityId && applied === null) {
      const initial = { facilityId: firstFacilityId, from: '', to: '', nationality: '' };
      setDraft(initial);
      setApplied(initial);
    }
  }, [firstFacilityId, applied]);

  function search(event: FormEvent) {
    event.preventDefault();
    const invalid = Boolean(draft.from && draft.to && draft.from > draft.to);
    setRangeInvalid(invalid);
    if (!invalid) setApplied({ ...draft });
  }

  if (facilities.isPending) return <LoadingMessage />;
  if (facilities.isError) {
    return <ErrorMessage error={facilities.error} onRetry={() => void facilities.refetch()} />;
  }
  if (facilities.data.length === 0) return <EmptyMessage text={t('register.noFacility')} />;

  const rows = entries.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{t('register.title')}</h1>

      <form className="card register-filters" onSubmit={search} aria-label={t('register.filters')}>
        <label className="field">
          <span>{t('register.facility')}</span>
          <select
            value={draft.facilityId}
            onChange={(event) => setDraft({ ...draft, facilityId: event.target.value })}
            data-testid="register-facility"
          >
            {facilities.data.map((facility) => (
              <option key={facility.facilityId} value={facility.facilityId}>
                {facility.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('register.from')}</span>
          <input
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            data-testid="register-from"
          />
        </label>
        <label className="field">
          <span>{t('register.to')}</span>
          <input
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            data-testid="register-to"
          />
        </label>
        <label className="field">
          <span>{t('register.nationality')}</span>
          <select
            value={draft.nationality}
            onChange={(event) => setDraft({ ...draft, nationality: event.target.value })}
            data-testid="register-nationality"
          >
            <option value="">{t('register.allNationalities')}</option>
            <option value="resident">{t('register.resident')}</option>
            {filterNationalities.map((code) => (
              <option key={code} value={code}>
                {formatNationality(code, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" data-testid="register-search">
          {t('register.search')}
        </button>
      </form>
      {applied && <RegisterExportPanel facilityId={applied.facilityId} from={applied.from} to={applied.to} />}
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
            <RegisterRow key={entry.entryId} entry={entry} />
          ))}
        </ul>
      )}

      <LoadMoreButton pages={entries} testId="register-load-more" />
    </section>
  );
}

function RegisterRow({ entry }: { entry: RegisterEntrySummary }) {
  const { t, i18n } = useTranslation();
  const nights = countNights(entry.arrivalDate, entry.departureDate);

  return (
    <li className="card register-row" data-testid="register-row" data-entry-id={entry.entryId}>
      <div className="register-stay">
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
