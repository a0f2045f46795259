import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { formatCalendarDate } from '../../i18n/format';
import type { AnnualDayCount } from './api';
import { useAnnualDayCounts } from './queries';
import { UncountedEntriesWarning } from './UncountedEntriesWarning';

/** Days used of the 180-day cap (or the local limit) per 住宅宿泊事業 facility, with warnings. */
export function AnnualDayCounters() {
  const { t } = useTranslation();
  const counts = useAnnualDayCounts();

  return (
    <section aria-labelledby="annual-days-title" className="annual-days">
      <h2 id="annual-days-title">{t('annualDays.title')}</h2>
      {counts.isPending && <LoadingMessage />}
      {counts.isError && <ErrorMessage error={counts.error} onRetry={() => void counts.refetch()} />}
      {counts.isSuccess && <UncountedEntriesWarning entries={counts.data.uncountedEntries} testId="annual-days-uncounted" />}
      {counts.isSuccess && (
        <ul className="annual-day-list">
          {counts.data.counts.map((count) => (
            <AnnualDayCounter key={count.facilityId} count={count} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Shows one facility's counter: days used of the limit, remaining days, and the warning once a
 * threshold is reached. A caller that already heads the counter with the facility's name hides its own.
 */
export function AnnualDayCounter({ count, showsFacilityName = true }: { count: AnnualDayCount; showsFacilityName?: boolean }) {
  const { t, i18n } = useTranslation();
  const reachedLimit = count.daysUsed >= count.limit;
  const overLimit = count.daysUsed > count.limit;
  const warned = count.thresholdsReached.length > 0;

  return (
    <li className="card annual-day-counter" data-testid="annual-counter" data-facility-id={count.facilityId}>
      {showsFacilityName && <div className="facility-name">{count.facilityName}</div>}
      <div className="muted">
        {t('annualDays.year', {
          first: formatCalendarDate(count.firstDay, i18n.language),
          last: formatCalendarDate(count.lastDay, i18n.language),
        })}
      </div>
      <meter min={0} max={count.limit} low={count.limit - 30} high={count.limit - 10} optimum={0} value={Math.min(count.daysUsed, count.limit)} />
      <div>
        <span data-testid="annual-days-used">{t('annualDays.used', { used: count.daysUsed, limit: count.limit })}</span>
        {' · '}
        <span data-testid="annual-days-remaining">{t('annualDays.remaining', { count: count.remaining })}</span>
      </div>
      {warned && (
        <p className={`status ${reachedLimit ? 'status-error' : 'status-warning'}`} role="status" data-testid="annual-warning">
          {overLimit
            ? t('annualDays.overLimit', { limit: count.limit, count: count.daysUsed - count.limit })
            : reachedLimit
              ? t('annualDays.limitReached', { limit: count.limit })
              : t('annualDays.nearLimit', { count: count.remaining })}
        </p>
      )}
    </li>
  );
}
