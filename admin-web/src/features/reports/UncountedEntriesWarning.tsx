import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/routes';
import type { UncountedEntry } from './api';

/**
 * Warns that the figures above leave out register entries whose check-out is not after their
 * check-in, with a link to each entry so the operator can correct its times.
 */
export function UncountedEntriesWarning({ entries, testId }: { entries: readonly UncountedEntry[]; testId: string }) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;

  return (
    <div className="status status-warning uncounted-entries" role="status" data-testid={testId}>
      <p>{t('reports.uncountedEntries', { count: entries.length })}</p>
      <ul>
        {entries.map((entry) => (
          <li key={entry.entryId} data-entry-id={entry.entryId}>
            <a href={routeHref({ name: 'entry', entryId: entry.entryId })} data-testid="uncounted-entry-link">
              {t('reports.correctUncountedEntry', { facility: entry.facilityName, entryId: entry.entryId })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
