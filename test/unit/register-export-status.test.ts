import { abandonedJobMinutes, reportedStatus } from '../../lambdas/guest-register/register-export-jobs';

describe('reported export status', () => {
  const now = new Date('2026-06-01T03:00:00.000Z');
  const minutesBefore = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

  test('running job with recent progress runs', () => {
    expect(reportedStatus({ status: 'running', updatedAt: minutesBefore(1) }, now)).toBe('running');
  });

  test('running job without progress has failed', () => {
    expect(reportedStatus({ status: 'running', updatedAt: minutesBefore(abandonedJobMinutes + 1) }, now)).toBe('failed');
  });

  test.each(['queued', 'done', 'failed'] as const)('old %s job keeps its status', (status) => {
    expect(reportedStatus({ status, updatedAt: minutesBefore(abandonedJobMinutes * 10) }, now)).toBe(status);
  });
});
