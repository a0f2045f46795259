import { findStayTimeProblem } from '../../lambdas/guest-register/stay-time-rules';

/** A stay from 2026-12-05 to 2026-12-06, checked in at the kiosk at 16:00 on the arrival date. */
const stay = {
  arrivalDate: '2026-12-05',
  departureDate: '2026-12-06',
  consent: { acceptedAt: '2026-12-05T16:00:00+09:00', language: 'ja' },
};

describe('stay time rules', () => {
  test('kiosk stay without recorded times passes', () => {
    expect(findStayTimeProblem(stay)).toBeUndefined();
  });

  test.each([
    ['departure on the arrival date', { departureDate: '2026-12-05' }, 'departureDate'],
    ['departure before arrival', { departureDate: '2026-12-04' }, 'departureDate'],
    ['check-in a minute before the arrival date', { checkedInAt: '2026-12-04T23:59:00+09:00' }, 'checkedInAt'],
    ['check-in at the end of the departure date', { checkedInAt: '2026-12-07T00:00:00+09:00' }, 'checkedInAt'],
    ['check-out before the arrival date', { checkedOutAt: '2026-12-04T10:00:00+09:00' }, 'checkedOutAt'],
    ['check-out two days after departure', { checkedOutAt: '2026-12-08T00:00:00+09:00' }, 'checkedOutAt'],
    // A kiosk time after the check-out cannot be the check-in, so 15:00 on arrival counts.
    ['check-out at 15:00 on arrival', { checkedOutAt: '2026-12-05T15:00:00+09:00' }, 'checkedOutAt'],
    ['check-out at the recorded check-in', { checkedInAt: '2026-12-05T18:00:00+09:00', checkedOutAt: '2026-12-05T18:00:00+09:00' }, 'checkedOutAt'],
    ['check-in after the assumed check-out', { checkedInAt: '2026-12-06T10:00:00+09:00' }, 'checkedInAt'],
    ['unparseable check-in', { checkedInAt: 'not a time' }, 'checkedInAt'],
  ])('%s is rejected', (_case, change, field) => {
    expect(findStayTimeProblem({ ...stay, ...change })?.field).toBe(field);
  });

  test.each([
    ['check-in at 00:00 on the arrival date', { checkedInAt: '2026-12-05T00:00:00+09:00' }],
    ['check-in just before the end of the departure date', { checkedInAt: '2026-12-06T23:59:00+09:00', checkedOutAt: '2026-12-07T01:00:00+09:00' }],
    ['check-out a minute after the kiosk check-in', { checkedOutAt: '2026-12-05T16:01:00+09:00' }],
    ['check-out just before the end of the day after departure', { checkedOutAt: '2026-12-07T23:59:00+09:00' }],
    ['check-in a minute before the assumed check-out', { checkedInAt: '2026-12-06T09:59:00+09:00' }],
  ])('%s is accepted', (_case, change) => {
    expect(findStayTimeProblem({ ...stay, ...change })).toBeUndefined();
  });

  test('kiosk time outside the dates falls back to 15:00 on arrival', () => {
    const lateKiosk = { ...stay, consent: { acceptedAt: '2026-12-09T12:00:00+09:00', language: 'ja' } };

    expect(findStayTimeProblem({ ...lateKiosk, checkedOutAt: '2026-12-05T15:00:00+09:00' })?.field).toBe('checkedOutAt');
    expect(findStayTimeProblem({ ...lateKiosk, checkedOutAt: '2026-12-05T15:01:00+09:00' })).toBeUndefined();
  });

  test('reason names both languages', () => {
    const problem = findStayTimeProblem({ ...stay, checkedOutAt: '2026-12-04T10:00:00+09:00' });

    expect(problem?.reason.ja).toContain('2026-12-05');
    expect(problem?.reason.en).toBe('before the arrival date 2026-12-05');
  });
});
