import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/routes';
import { FormError, localMessage } from '../../components/ApiMessage';
import { useApiClient } from '../../lib/api-context';
import { confirmImport, getImportTemplate, previewImport, type ImportPreview, type ImportResult } from './api';

/**
 * Bulk import of facilities: download the template, choose a file, read the per-row preview, then
 * confirm. Nothing is written before the confirm button.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const client = useApiClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const template = useMutation({ mutationFn: () => getImportTemplate(client) });
  const preview = useMutation({ mutationFn: (chosen: File) => previewImport(client, chosen) });
  const confirm = useMutation({
    mutationFn: (rows: ImportPreview['rows']) => {
      const valid = rows.filter((row) => row.action === 'create' || row.action === 'update').map((row) => ({ rowNumber: row.rowNumber, input: row.input }));
      setProgress({ done: 0, total: valid.length });
      return confirmImport(client, valid, (done) => setProgress({ done, total: valid.length }));
    },
  });

  async function downloadTemplate() {
    const body = await template.mutateAsync();
    const url = URL.createObjectURL(new Blob([body.csv], { type: body.contentType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = body.fileName;
    link.click();
    URL.revokeObjectURL(url);
  }

  const data = preview.data;
  const writable = data ? data.counts.create + data.counts.update : 0;

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <div className="card form">
        <p>{t('import.intro')}</p>
        <button type="button" className="button secondary" onClick={() => void downloadTemplate()} data-testid="import-template">
          {t('import.template')}
        </button>
        <label className="field">
          <span>{t('import.file')}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              preview.reset();
              confirm.reset();
              setProgress(null);
            }}
            data-testid="import-file"
          />
        </label>
        <button type="button" className="button primary" disabled={!file || preview.isPending} onClick={() => file && preview.mutate(file)} data-testid="import-preview">
          {preview.isPending ? t('import.checking') : t('import.check')}
        </button>
        {template.isError && <FormError error={template.error} />}
        {preview.isError && <FormError error={preview.error} />}
      </div>

      {data && (
        <div className="card" data-testid="import-result">
          <p data-testid="import-counts">
            {t('import.counts', { ...data.counts, encoding: t(`import.encodings.${data.encoding}`) })}
          </p>
          {data.rows.length === 0 && (
            <p className="status status-empty" data-testid="empty">
              {t('import.noRows')}
            </p>
          )}
          {data.rows.length > 0 && (
            <div className="table-scroll">
              <table className="import-table">
                <thead>
                  <tr>
                    <th>{t('import.row')}</th>
                    <th>{t('import.name')}</th>
                    <th>{t('import.action')}</th>
                    <th>{t('import.changes')}</th>
                    <th>{t('import.errors')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.rowNumber} data-testid="import-row" data-action={row.action}>
                      <td>{row.rowNumber}</td>
                      <td data-testid="import-row-name">{row.name ?? ''}</td>
                      <td>
                        <span className={`badge badge-${row.action}`}>{t(`import.actions.${row.action}`)}</span>
                      </td>
                      <td data-testid="import-row-changes">{row.changedFields.map((changed) => localMessage(changed.label, i18n.language)).join(t('import.changeSeparator'))}</td>
                      <td>
                        {row.errors.map((error) => (
                          <div key={error.field} className="field-error">
                            {localMessage(error.message, i18n.language)}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {progress && (
            <div className="progress" data-testid="import-progress">
              <progress max={progress.total} value={progress.done} />
              <span>{t('import.progress', progress)}</span>
            </div>
          )}
          {confirm.isError && <FormError error={confirm.error} />}
          {confirm.data ? (
            <ImportDone result={confirm.data} />
          ) : (
            <button type="button" className="button primary" disabled={writable === 0 || confirm.isPending} onClick={() => confirm.mutate(data.rows)} data-testid="import-confirm">
              {t('import.confirm', { count: writable })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function ImportDone({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <p className="status status-done" role="status" data-testid="import-done">
      {t('import.done', result.counts)} <a href={routeHref({ name: 'facilities' })}>{t('nav.facilities')}</a>
    </p>
  );
}
