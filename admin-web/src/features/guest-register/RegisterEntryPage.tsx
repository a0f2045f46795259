import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/routes';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import {
  countNights,
  formatCalendarDate,
  formatDateTime,
  formatLanguage,
  formatNationality,
} from '../../i18n/format';
import { useApiClient } from '../../lib/api-context';
import { useCan } from '../me/permissions';
import { getRegisterEntry, type RegisteredGuest } from './api';
import { CorrectionForm } from './CorrectionForm';
import { LongStayPanel } from './LongStayPanel';
import { GuestImageHidden, PassportImage } from './PassportImage';
import { useRegisterEntry } from './queries';

/** Shows one stay of the 宿泊者名簿 with every guest's register fields and passport copy. */
export function RegisterEntryPage({ entryId }: { entryId: string }) {
  const { t, i18n } = useTranslation();
  const entry = useRegisterEntry(entryId);
  const client = useApiClient();
  const [printing, setPrinting] = useState(false);
  const [printFailed, setPrintFailed] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [corrected, setCorrected] = useState(false);
  const canCorrect = useCan('register:correct');

  /** Asks the API for the entry again with purpose print, so the audit log records the print. */
  async function print() {
    setPrinting(true);
    setPrintFailed(false);
    try {
      await getRegisterEntry(client, entryId, 'print');
      window.print();
    } catch {
      setPrintFailed(true);
    } finally {
      setPrinting(false);
    }
  }

  return (
    <section className="register-entry" aria-labelledby="entry-title" data-testid="register-entry">
      <a className="back-link" href={routeHref({ name: 'register' })} data-testid="entry-back">
        ← {t('entry.back')}
      </a>
      <h1 id="entry-title">{t('entry.title')}</h1>
      {entry.data && (
        <button type="button" className="button secondary no-print" onClick={() => void print()} disabled={printing} data-testid="entry-print">
          {t('entry.print')}
        </button>
      )}
      {entry.data && canCorrect && entry.data.disclosure === 'full' && !correcting && (
        <button
          type="button"
          className="button secondary no-print"
          onClick={() => {
            setCorrected(false);
            setCorrecting(true);
          }}
          data-testid="entry-correct"
        >
          {t('correction.open')}
        </button>
      )}
      {corrected && (
        <p className="status status-done" role="status" data-testid="correction-saved">
          {t('correction.saved')}
        </p>
      )}
      {printFailed && (
        <p className="status status-error" role="alert">
          {t('entry.printFailed')}
        </p>
      )}

      {entry.isPending && <LoadingMessage />}
      {entry.isError && <ErrorMessage error={entry.error} onRetry={() => void entry.refetch()} />}

      {entry.data && (
        <>
          <p className="entry-stay" data-testid="entry-stay">
            {t('register.stayRange', {
              arrival: formatCalendarDate(entry.data.arrivalDate, i18n.language),
              departure: formatCalendarDate(entry.data.departureDate, i18n.language),
            })}{' '}
            <span className="muted">
              {t('register.nights', { count: countNights(entry.data.arrivalDate, entry.data.departureDate) })} ·{' '}
              {t('register.guestCount', { count: entry.data.guests.length })}
            </span>
          </p>
          {entry.data.correctedAt && (
            <p className="muted" data-testid="entry-corrected">
              {t('correction.lastCorrected', { time: formatDateTime(entry.data.correctedAt, i18n.language), count: entry.data.revision })}
            </p>
          )}
          {(entry.data.checkedInAt || entry.data.checkedOutAt) && (
            <p className="muted" data-testid="entry-recorded-times">
              {t('correction.recordedTimes', {
                checkIn: entry.data.checkedInAt ? formatDateTime(entry.data.checkedInAt, i18n.language) : '—',
                checkOut: entry.data.checkedOutAt ? formatDateTime(entry.data.checkedOutAt, i18n.language) : '—',
              })}
            </p>
          )}
          {entry.data.longStay && <LongStayPanel entryId={entryId} longStay={entry.data.longStay} />}
          {correcting && (
            <CorrectionForm
              key={entry.data.revision}
              entry={entry.data}
              onDone={(saved) => {
                setCorrecting(false);
                setCorrected(saved);
              }}
            />
          )}
          <p className="muted" data-testid="entry-consent">
            {t('entry.consent', {
              time: formatDateTime(entry.data.consent.acceptedAt, i18n.language),
              language: formatLanguage(entry.data.consent.language, i18n.language),
            })}
          </p>
          {entry.data.guests.length === 0 && <EmptyMessage text={t('entry.noGuests')} />}
          <ol className="guest-list">
            {entry.data.guests.map((guest, index) => (
              <GuestDetail
                key={guest.guestId}
                entryId={entryId}
                guest={guest}
                index={index + 1}
                masked={entry.data.disclosure === 'masked'}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function GuestDetail(props: { entryId: string; guest: RegisteredGuest; index: number; masked: boolean }) {
  const { t, i18n } = useTranslation();
  const { guest } = props;
  // Passport fields matter only for foreign nationals without an address in Japan.
  const needsPassport = !guest.hasAddressInJapan;

  return (
    <li className="card guest-detail" data-testid="guest-detail" data-guest-id={guest.guestId}>
      <h2>{t('entry.guestHeading', { index: props.index })}</h2>
      <dl className="guest-fields">
        <Field label={t('guest.name')} testId="guest-name">
          {guest.name}
        </Field>
        <Field label={t('guest.address')} testId="guest-address">
          {guest.address}
        </Field>
        {guest.occupation !== undefined && (
          <Field label={t('guest.occupation')} testId="guest-occupation">
            {guest.occupation}
          </Field>
        )}
        {guest.contact !== undefined && (
          <Field label={t('guest.contact')} testId="guest-contact">
            {guest.contact}
          </Field>
        )}
        <Field label={t('guest.residence')} testId="guest-residence">
          {guest.hasAddressInJapan ? t('guest.residenceYes') : t('guest.residenceNo')}
        </Field>
        {(needsPassport || guest.nationality) && (
          <Field label={t('guest.nationality')} testId="guest-nationality">
            {guest.nationality ? formatNationality(guest.nationality, i18n.language) : t('guest.notRecorded')}
          </Field>
        )}
        {(needsPassport || guest.passportNumber) && (
          <Field label={t('guest.passportNumber')} testId="guest-passport-number">
            {guest.passportNumber ?? t('guest.notRecorded')}
          </Field>
        )}
      </dl>
      {guest.passportImageId && props.masked ? (
        <GuestImageHidden kind="passport" />
      ) : guest.passportImageId ? (
        <figure className="passport">
          <figcaption>{t('guest.passportImage')}</figcaption>
          <PassportImage entryId={props.entryId} imageId={guest.passportImageId} guestName={guest.name} />
        </figure>
      ) : (
        needsPassport && (
          <p className="status status-error" data-testid="passport-image-missing">
            {t('guest.passportImageMissing')}
          </p>
        )
      )}
      {guest.faceImageId && props.masked ? (
        <GuestImageHidden kind="face" />
      ) : (
        guest.faceImageId && (
          <figure className="passport">
            <figcaption>{t('guest.faceImage')}</figcaption>
            <PassportImage entryId={props.entryId} imageId={guest.faceImageId} guestName={guest.name} kind="face" />
          </figure>
        )
      )}
    </li>
  );
}

function Field(props: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="guest-field">
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </div>
  );
}
