import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/StatusMessage';
import { formatCalendarDate } from '../../i18n/format';
import { useCan } from '../me/permissions';
import { RegisterExportFailedError, type RegisterExport, type RegisterExportFormat } from './api';
import { useCreateRegisterExport } from './queries';

/** Maximum span of one export, matching the API: three years. */
const maxExportDays = 3 * 366;

/**
 * Exports the register of the searched facility and period as CSV (UTF-8 with BOM, for Excel) or
 * as a printable PDF with passport copies, showing how many stays are written while the server's
 * export worker streams the file.
 */
export function RegisterExportPanel({ facilityId, from, to }: { facilityId: string; from?: string; to?: string }) {
  const { t, i18n } = useTranslation();
  const canExport = useCan('register:export');
  const range = exportRange(from, to);
  const shownRange = { from: formatCalendarDate(range.from, i18n.language), to: formatCalendarDate(range.to, i18n.language) };

  // The API rejects an export without the permission with 403, so the panel explains why instead of offering the buttons.
  if (!canExport) {
    return (
      <p className="muted" data-testid="register-export-not-permitted">
        {t('register.export.notPermitted')}
      </p>
    );
  }
  return (
    <div className="export-progress">
      <RegisterExportButton format="csv" facilityId={facilityId} range={range} />{' '}
      <RegisterExportButton format="pdf" facilityId={facilityId} range={range} />{' '}
      <span className="muted" data-testid="register-export-range">
        {t('register.export.range', shownRange)}
      </span>
    </div>
  );
}

/** Renders one export format: its button, the progress while the server writes, then the download link. */
function RegisterExportButton(props: { format: RegisterExportFormat; facilityId: string; range: { from: string; to: string } }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<RegisterExport | null>(null);
  const create = useCreateRegisterExport(props.format, setProgress);
  // The CSV keeps the test ids it had before the PDF export existed, and the PDF ids add its format.
  const testId = props.format === 'csv' ? 'register-export' : 'register-export-pdf';

  function start() {
    setProgress(null);
    create.mutate({ exportId: crypto.randomUUID(), facilityId: props.facilityId, ...props.range });
  }

  const processed = progress?.processedEntries ?? 0;
  const total = progress?.totalEntries;

  return (
    <>
      <button type="button" className="button secondary" disabled={create.isPending} onClick={start} data-testid={testId}>
        {t(props.format === 'csv' ? 'register.export.button' : 'register.export.pdfButton')}
      </button>
      {create.isPending && (
        <p role="status" data-testid={`${testId}-progress`}>
          {total === undefined ? t('register.export.starting') : t('register.export.progress', { processed, total })}
          {total !== undefined && total > 0 && <progress max={total} value={processed} />}
        </p>
      )}
      {create.isSuccess && create.data.downloadUrl && (
        <p role="status">
          {props.format === 'csv'
            ? t('register.export.ready', { count: create.data.rowCount ?? 0 })
            : t('register.export.pdfReady', { count: create.data.pageCount ?? 0 })}{' '}
          {create.data.disclosure === 'masked' && <>{t('register.export.pdfMasked')} </>}
          <a href={create.data.downloadUrl} download data-testid={`${testId}-link`}>
            {t('register.export.download')}
          </a>
        </p>
      )}
      {create.isError &&
        (create.error instanceof RegisterExportFailedError ? (
          <div className="status status-error" role="alert" data-testid={`${testId}-failed`}>
            <p>{create.error.message}</p>
          </div>
        ) : (
          <ErrorMessage error={create.error} />
        ))}
    </>
  );
}

/** Returns the searched period, or the three years up to today when the search leaves a date open. */
function exportRange(from?: string, to?: string): { from: string; to: string } {
  // Register dates are dates in Japan; the Swedish locale writes dates as YYYY-MM-DD.
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
  const end = to || today;
  const earliest = new Date(Date.parse(`${end}T00:00:00Z`) - (maxExportDays - 1) * 86_400_000).toISOString().slice(0, 10);
  const start = from && from > earliest ? from : earliest;
  return { from: start, to: end };
}
