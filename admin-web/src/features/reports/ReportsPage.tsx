import { useTranslation } from 'react-i18next';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { formatCalendarDate, formatNationality, formatReportingPeriod } from '../../i18n/format';
import { AnnualDayCounters } from './AnnualDayCounters';
import { routeHref } from '../../app/routes';
import type { PeriodicReport, ReportingFacility } from './api';
import { useGovernmentFileDownload, usePeriodicReports, useSetReportStatus } from './queries';
import { UncountedEntriesWarning } from './UncountedEntriesWarning';

/**
 * 定期報告 of each 住宅宿泊事業 facility for the last six closed two-month periods, newest first,
 * with the 180-day counters above them. Periods before a facility's 届出日 are not listed, and
 * facilities without a 届出日 are named with a link to enter it.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const reports = usePeriodicReports({});

  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <AnnualDayCounters />

      <h2>{t('reports.periodicTitle')}</h2>
      <p className="muted">{t('reports.periodicIntro')}</p>
      {reports.isPending && <LoadingMessage />}
      {reports.isError && <ErrorMessage error={reports.error} onRetry={() => void reports.refetch()} />}
      {reports.isSuccess && <MissingNotificationDates facilities={reports.data.facilities} />}
      {reports.isSuccess && <UncountedEntriesWarning entries={reports.data.uncountedEntries} testId="reports-uncounted" />}
      {reports.isSuccess && reports.data.reports.length === 0 && (
        <EmptyMessage text={t(reports.data.facilities.length === 0 ? 'reports.noFacility' : 'reports.noPeriodOwed')} testId="reports-empty" />
      )}
      {reports.isSuccess &&
        groupByPeriod(reports.data.reports).map(([periodId, rows]) => <PeriodReports key={periodId} periodId={periodId} rows={rows} />)}
    </section>
  );
}

/** Asks for the 届出日 of each facility that has none, because its list may start too early. */
function MissingNotificationDates({ facilities }: { facilities: readonly ReportingFacility[] }) {
  const { t } = useTranslation();
  const missing = facilities.filter((facility) => facility.notificationDate === null);
  if (missing.length === 0) return null;

  return (
    <div className="status status-warning missing-notification-dates" role="status" data-testid="reports-missing-notification-date">
      <p>{t('reports.missingNotificationDate')}</p>
      <ul>
        {missing.map((facility) => (
          <li key={facility.facilityId} data-facility-id={facility.facilityId}>
            <a href={routeHref({ name: 'facility-edit', facilityId: facility.facilityId })} data-testid="reports-enter-notification-date">
              {t('reports.enterNotificationDate', { name: facility.facilityName })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PeriodReports({ periodId, rows }: { periodId: string; rows: PeriodicReport[] }) {
  const { t, i18n } = useTranslation();
  const download = useGovernmentFileDownload();
  const period = rows[0];

  return (
    <article className="card report-period" data-testid="report-period" data-period-id={periodId}>
      <header className="report-period-header">
        <div>
          <h3>
            {t('reports.periodRange', {
              first: formatCalendarDate(period.firstDay, i18n.language),
              last: formatCalendarDate(period.lastDay, i18n.language),
            })}
          </h3>
          <span className="muted">
            <span data-testid="report-period-label">{formatReportingPeriod(period, i18n.language)}</span> · {t('reports.dueDate', { date: formatCalendarDate(period.dueDate, i18n.language) })}
          </span>
        </div>
        <button
          type="button"
          className="button secondary"
          disabled={download.isPending}
          onClick={() => download.mutate(periodId)}
          data-testid="report-export"
        >
          {download.isPending ? t('reports.exporting') : t('reports.export')}
        </button>
      </header>
      {download.isError && <ErrorMessage error={download.error} />}
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.facility')}</th>
            <th scope="col">{t('reports.daysWithGuests')}</th>
            <th scope="col">{t('reports.guestCount')}</th>
            <th scope="col">{t('reports.guestNights')}</th>
            <th scope="col">{t('reports.byNationality')}</th>
            <th scope="col">{t('reports.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((report) => (
            <ReportRow key={report.facilityId} report={report} />
          ))}
        </tbody>
      </table>
    </article>
  );
}

function ReportRow({ report }: { report: PeriodicReport }) {
  const { t, i18n } = useTranslation();
  const setStatus = useSetReportStatus();
  const submitted = report.status === 'submitted';
  let statusLabel = t('reports.notSubmitted');
  if (submitted) statusLabel = t('reports.submitted');
  else if (report.overdue) statusLabel = t('reports.overdue');
  const nationalities = Object.entries(report.figures.guestsByNationality)
    .sort(([, a], [, b]) => b - a)
    .map(([group, count]) => `${group === 'resident' ? t('reports.resident') : formatNationality(group, i18n.language)} ${count}`)
    .join(t('register.nameSeparator'));

  return (
    <tr data-testid="report-row" data-facility-id={report.facilityId}>
      <th scope="row">
        {report.facilityName}
        <div className="muted">{report.notificationNumber}</div>
      </th>
      <td data-testid="report-days">{report.figures.daysWithGuests}</td>
      <td data-testid="report-guests">{report.figures.guestCount}</td>
      <td data-testid="report-guest-nights">{report.figures.guestNights}</td>
      <td data-testid="report-nationalities">{nationalities || '—'}</td>
      <td>
        <span className={`badge ${submitted ? 'badge-ok' : report.overdue ? 'badge-alert' : ''}`} data-testid="report-status">
          {statusLabel}
        </span>
        <button
          type="button"
          className="button secondary small"
          disabled={setStatus.isPending}
          onClick={() =>
            setStatus.mutate({ facilityId: report.facilityId, periodId: report.periodId, status: submitted ? 'not-submitted' : 'submitted' })
          }
          data-testid="report-toggle-status"
        >
          {submitted ? t('reports.markNotSubmitted') : t('reports.markSubmitted')}
        </button>
        {setStatus.isError && <ErrorMessage error={setStatus.error} />}
      </td>
    </tr>
  );
}

function groupByPeriod(reports: readonly PeriodicReport[]): [string, PeriodicReport[]][] {
  const groups = new Map<string, PeriodicReport[]>();
  for (const report of reports) {
    groups.set(report.periodId, [...(groups.get(report.periodId) ?? []), report]);
  }
  return [...groups].sort(([a], [b]) => b.localeCompare(a));
}
