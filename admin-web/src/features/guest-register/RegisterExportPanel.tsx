import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/StatusMessage';
import { useCreateRegisterExport, useRegisterExportProgress } from './queries';

/** Maximum span of one export, matching the API: three years. */
const maxExportDays = 3 * 366;

/**
 * Exports the register of the searched facility and period as CSV (UTF-8 with BOM, for Excel),
 * showing how many entries are written while the server streams the file.
 */
export function RegisterExportPanel({ facilityId, from, to }: { facilityId: string; from?: string; to?: string }) {
  const { t } = useTranslation();
  const [exportId, setExportId] = useState<string | null>(null);
  const create = useCreateRegisterExport();
  const progress = useRegisterExportProgress(create.isPending ? exportId : null);
  const range = exportRange(from, to);

  function start() {
    const id = crypto.randomUUID();
    setExportId(id);
    create.mutate({ exportId: id, facilityId, ...range });
  }

  const processed = progress.data?.processedEntries ?? 0;
  const total = progress.data?.totalEntries;

  return (
    <div className="export-progress">
      <button type="button" className="button secondary" disabled={create.isPending} onClick={start} data-testid="register-export">
        {t('register.export.button')}
      </button>{' '}
      <span className="muted">{t('register.export.range', range)}</span>
      {create.isPending && (
        <p role="status" data-testid="register-export-progress">
          {total === undefined ? t('register.export.starting') : t('register.export.progress', { processed, total })}
          {total !== undefined && total > 0 && <progress max={total} value={processed} />}
        </p>
      )}
      {create.isSuccess && create.data.downloadUrl && (
        <p role="status">
          {t('register.export.ready', { count: create.data.rowCount ?? 0 })}{' '}
          <a href={create.data.downloadUrl} download data-testid="register-export-link">
            {t('register.export.download')}
          </a>
        </p>
      )}
      {create.isError && <ErrorMessage error={create.error} />}
    </div>
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
