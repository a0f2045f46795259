import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/routes';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { formatCalendarDate, formatDateTime } from '../../i18n/format';
import { useFacilities } from '../facilities/queries';
import type { LongStaySummary } from '../guest-register/api';
import { useLongStays } from '../guest-register/queries';
import { useCan } from '../me/permissions';
import { AnnualDayCounter } from '../reports/AnnualDayCounters';
import type { AnnualDayCount, PeriodicReport, UncountedEntry } from '../reports/api';
import { useAnnualDayCounts, usePeriodicReports } from '../reports/queries';
import { UncountedEntriesWarning } from '../reports/UncountedEntriesWarning';
import { periodIdOf, previousPeriodId, todayInJapan } from './reporting-periods';

/**
 * Shows the landing page after sign-in. Each facility gets its long stays in progress; a
 * 住宅宿泊事業 facility also gets its 180-day counter with warnings and its upcoming 定期報告, for
 * users who manage reports.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const canReport = useCan('report:manage');
  const currentPeriod = periodIdOf(todayInJapan(new Date()));
  const counts = useAnnualDayCounts(canReport);
  const reports = usePeriodicReports({ from: previousPeriodId(currentPeriod), to: currentPeriod }, canReport);
  const longStays = useLongStays();

  if (facilities.isPending) return <LoadingMessage />;
  if (facilities.isError) return <ErrorMessage error={facilities.error} onRetry={() => void facilities.refetch()} />;

  const active = facilities.data.filter((facility) => facility.status !== 'archived');
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      {active.length === 0 && <EmptyMessage text={t('dashboard.noFacility')} />}
      {counts.isError && <ErrorMessage error={counts.error} onRetry={() => void counts.refetch()} />}
      {reports.isError && <ErrorMessage error={reports.error} onRetry={() => void reports.refetch()} />}
      {longStays.isError && <ErrorMessage error={longStays.error} onRetry={() => void longStays.refetch()} />}
      <UncountedEntriesWarning entries={uncountedEntriesOf(counts.data?.uncountedEntries, reports.data?.uncountedEntries)} testId="dashboard-uncounted" />
      <ul className="dashboard-facilities">
        {active.map((facility) => (
          <li key={facility.facilityId} className="card dashboard-facility" data-testid="dashboard-facility" data-facility-id={facility.facilityId}>
            <h2>{facility.name}</h2>
            {canReport && facility.licenceType === 'private-lodging' && (
              <>
                <FacilityCounter count={counts.data?.counts.find((count) => count.facilityId === facility.facilityId)} loading={counts.isPending} />
                <UpcomingReports reports={reports.data?.reports.filter((report) => report.facilityId === facility.facilityId)} />
              </>
            )}
            <LongStays stays={longStays.data?.stays.filter((stay) => stay.facilityId === facility.facilityId)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Merges the entries left out of the 180-day counts and of the recent 定期報告, once each. A stay
 * in the last period may belong to the previous cap year, which the counts do not read.
 */
function uncountedEntriesOf(...lists: (readonly UncountedEntry[] | undefined)[]): UncountedEntry[] {
  const byId = new Map<string, UncountedEntry>();
  for (const entry of lists.flatMap((list) => list ?? [])) byId.set(entry.entryId, entry);
  return [...byId.values()];
}

function FacilityCounter({ count, loading }: { count?: AnnualDayCount; loading: boolean }) {
  if (loading) return <LoadingMessage />;
  if (!count) return null;
  return (
    <ul className="annual-day-list">
      <AnnualDayCounter count={count} showsFacilityName={false} />
    </ul>
  );
}

function UpcomingReports({ reports }: { reports?: PeriodicReport[] }) {
  const { t, i18n } = useTranslation();
  if (!reports) return null;
  return (
    <section aria-label={t('dashboard.reports')}>
      <h3>{t('dashboard.reports')}</h3>
      <ul className="dashboard-reports">
        {[...reports].reverse().map((report) => (
          <li key={report.periodId} data-testid="dashboard-report" data-period-id={report.periodId}>
            {t('reports.periodRange', {
              first: formatCalendarDate(report.firstDay, i18n.language),
              last: formatCalendarDate(report.lastDay, i18n.language),
            })}{' '}
            · {t('reports.dueDate', { date: formatCalendarDate(report.dueDate, i18n.language) })} ·{' '}
            <span className={report.overdue ? 'badge badge-alert' : 'badge'} data-testid="dashboard-report-status">
              {t(reportStatusKey(report))}
            </span>
          </li>
        ))}
      </ul>
      <a href={routeHref({ name: 'reports' })}>{t('dashboard.openReports')}</a>
    </section>
  );
}

function reportStatusKey(report: PeriodicReport): string {
  if (report.status === 'submitted') return 'reports.submitted';
  return report.overdue ? 'reports.overdue' : 'reports.notSubmitted';
}

function LongStays({ stays }: { stays?: LongStaySummary[] }) {
  const { t, i18n } = useTranslation();
  if (!stays) return null;
  const due = stays.filter((stay) => stay.due);
  return (
    <section aria-label={t('dashboard.longStays')}>
      <h3>{t('dashboard.longStays')}</h3>
      {stays.length === 0 && <p className="muted">{t('dashboard.noLongStays')}</p>}
      {due.length > 0 && (
        <p className="status status-warning" role="status" data-testid="dashboard-long-stays-due">
          {t('dashboard.longStaysDue', { count: due.length })}
        </p>
      )}
      <ul>
        {stays.map((stay) => (
          <li key={stay.entryId} data-testid="dashboard-long-stay" data-entry-id={stay.entryId}>
            <a href={routeHref({ name: 'entry', entryId: stay.entryId })}>
              {t('register.stayRange', {
                arrival: formatCalendarDate(stay.arrivalDate, i18n.language),
                departure: formatCalendarDate(stay.departureDate, i18n.language),
              })}
            </a>{' '}
            · {t('register.nights', { count: stay.nights })} · {t('register.guestCount', { count: stay.guestCount })} ·{' '}
            {stay.due ? (
              <span className="badge badge-alert">{t('register.longStayDue')}</span>
            ) : stay.nextDueAt ? (
              t('longStay.next', { time: formatDateTime(stay.nextDueAt, i18n.language) })
            ) : (
              t('longStay.noneBeforeCheckOut')
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
