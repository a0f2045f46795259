import {
  capYear,
  capYearAt,
  checkNewStay,
  countAnnualDays,
  warningThresholds,
} from '../../lambdas/reports/annual-day-cap';
import { japanDateOf, lodgingDayOf } from '../../lambdas/reports/japan-time';
import { isLongStay, longStayReminderRound, longStayStatus, nextLongStayConfirmation } from '../../lambdas/reports/long-stay';
import { dateOfDayNumber } from '../../lambdas/reports/japan-time';
import { lodgingDayNumbers } from '../../lambdas/reports/lodging-days';
import {
  computePeriodicReportFigures,
  type CountedGuest,
  type CountedStay,
} from '../../lambdas/reports/periodic-report-figures';
import { countedStayOfEntry, stayPeriodOfEntry, type CountableEntry } from '../../lambdas/reports/register-stays';
import {
  closedPeriodsSince,
  periodDayRange,
  periodOfDay,
  periodWithReminderOn,
  reportingPeriod,
} from '../../lambdas/reports/reporting-periods';

/** An instant written as Japan wall-clock time, e.g. `2026-06-20 17:00`. */
function jst(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+09:00`);
}

function stay(checkIn: string, checkOut: string, guests: CountedGuest[] = []): CountedStay {
  return { checkInAt: jst(checkIn), checkOutAt: jst(checkOut), guests };
}

function days(checkIn: string, checkOut: string): string[] {
  return lodgingDayNumbers(stay(checkIn, checkOut)).map(dateOfDayNumber);
}

const resident = (personKey: string): CountedGuest => ({ personKey, hasAddressInJapan: true });
const visitor = (personKey: string, nationality: string): CountedGuest => ({ personKey, hasAddressInJapan: false, nationality });

describe('lodging days of a stay', () => {
  test.each([
    ['evening to morning, the statutory example', '2026-06-20 17:00', '2026-06-24 10:00', ['2026-06-20', '2026-06-21', '2026-06-22', '2026-06-23']],
    ['check-in before noon adds the day before', '2026-06-20 11:00', '2026-06-24 10:00', ['2026-06-19', '2026-06-20', '2026-06-21', '2026-06-22', '2026-06-23']],
    ['check-out after noon adds the last day', '2026-06-20 17:00', '2026-06-24 13:00', ['2026-06-20', '2026-06-21', '2026-06-22', '2026-06-23', '2026-06-24']],
    ['check-out exactly at noon adds nothing', '2026-06-20 17:00', '2026-06-24 12:00', ['2026-06-20', '2026-06-21', '2026-06-22', '2026-06-23']],
    ['check-in exactly at noon starts that day', '2026-06-20 12:00', '2026-06-21 10:00', ['2026-06-20']],
    ['check-in one minute before noon', '2026-06-20 11:59', '2026-06-20 13:00', ['2026-06-19', '2026-06-20']],
    ['across midnight is one day', '2026-06-20 23:00', '2026-06-21 08:00', ['2026-06-20']],
    ['a morning visit belongs to the day before', '2026-06-21 09:00', '2026-06-21 11:00', ['2026-06-20']],
    ['a visit across noon counts two days', '2026-06-21 11:00', '2026-06-21 13:00', ['2026-06-20', '2026-06-21']],
    ['month end', '2026-05-31 17:00', '2026-06-02 10:00', ['2026-05-31', '2026-06-01']],
    ['year end', '2026-12-31 17:00', '2027-01-02 10:00', ['2026-12-31', '2027-01-01']],
    ['February 29 in a leap year', '2028-02-28 17:00', '2028-03-01 10:00', ['2028-02-28', '2028-02-29']],
    ['no February 29 in a common year', '2027-02-28 17:00', '2027-03-01 10:00', ['2027-02-28']],
  ])('%s', (_name, checkIn, checkOut, expected) => {
    expect(days(checkIn, checkOut)).toEqual(expected);
  });

  test.each([
    // 02:30 UTC is 11:30 in Japan: still the lodging day of the 19th.
    ['2026-06-20T02:30:00Z', '2026-06-19'],
    // 03:00 UTC is noon in Japan.
    ['2026-06-20T03:00:00Z', '2026-06-20'],
    // 15:30 UTC on the 20th is 00:30 on the 21st in Japan.
    ['2026-06-20T15:30:00Z', '2026-06-20'],
    // 14:59 UTC on March 31 is 23:59 in Japan.
    ['2027-03-31T14:59:00Z', '2027-03-31'],
  ])('instant %s is lodging day %s in Japan', (instant, expected) => {
    expect(lodgingDayOf(new Date(instant))).toBe(expected);
  });

  test('Japan date differs from UTC date after 15:00 UTC', () => {
    expect(japanDateOf(new Date('2026-06-20T15:00:00Z'))).toBe('2026-06-21');
    expect(japanDateOf(new Date('2026-06-20T14:59:59Z'))).toBe('2026-06-20');
  });

  test('check-out not after check-in is rejected', () => {
    expect(() => days('2026-06-20 17:00', '2026-06-20 17:00')).toThrow(RangeError);
    expect(() => days('2026-06-20 17:00', '2026-06-20 16:00')).toThrow(RangeError);
  });
});

describe('reporting periods', () => {
  test.each([
    ['2026-02', '2026-02-01', '2026-03-31', '2026-04-15', '2026-04-08', '2025年度02月～03月'],
    ['2026-04', '2026-04-01', '2026-05-31', '2026-06-15', '2026-06-08', '2026年度04月～05月'],
    ['2026-06', '2026-06-01', '2026-07-31', '2026-08-15', '2026-08-08', '2026年度06月～07月'],
    ['2026-08', '2026-08-01', '2026-09-30', '2026-10-15', '2026-10-08', '2026年度08月～09月'],
    ['2026-10', '2026-10-01', '2026-11-30', '2026-12-15', '2026-12-08', '2026年度10月～11月'],
    ['2026-12', '2026-12-01', '2027-01-31', '2027-02-15', '2027-02-08', '2026年度12月～01月'],
    ['2028-02', '2028-02-01', '2028-03-31', '2028-04-15', '2028-04-08', '2027年度02月～03月'],
  ])('period %s', (periodId, firstDay, lastDay, dueDate, reminderDate, governmentLabel) => {
    expect(reportingPeriod(periodId)).toEqual({ periodId, firstDay, lastDay, dueDate, reminderDate, governmentLabel });
  });

  test.each([
    ['2027-01-15', '2026-12'],
    ['2026-12-01', '2026-12'],
    ['2026-07-31', '2026-06'],
    ['2026-08-01', '2026-08'],
    ['2028-02-29', '2028-02'],
  ])('day %s is in period %s', (day, periodId) => {
    expect(periodOfDay(day).periodId).toBe(periodId);
  });

  test.each(['2026-07', '2026-13', '26-06', '2026-6'])('period id %s is rejected', (periodId) => {
    expect(() => reportingPeriod(periodId)).toThrow(RangeError);
  });

  test.each([
    ['2026-08-08', '2026-06'],
    ['2027-02-08', '2026-12'],
    ['2026-04-08', '2026-02'],
    ['2026-08-09', undefined],
    ['2026-08-15', undefined],
    ['2026-07-08', undefined],
  ])('reminder on %s is for period %s', (today, periodId) => {
    expect(periodWithReminderOn(today)?.periodId).toBe(periodId);
  });

  test('closed periods since a start date, newest first', () => {
    expect(closedPeriodsSince('2026-03-10', '2026-08-20').map((period) => period.periodId)).toEqual(['2026-06', '2026-04', '2026-02']);
  });

  test('the current period is not closed', () => {
    expect(closedPeriodsSince('2026-08-01', '2026-08-20')).toEqual([]);
  });
});

describe('periodic report figures', () => {
  const june = periodDayRange(reportingPeriod('2026-06'));
  const august = periodDayRange(reportingPeriod('2026-08'));

  test('statutory example with a resident and a visitor', () => {
    const stays = [stay('2026-06-20 17:00', '2026-06-24 10:00', [resident('a'), visitor('b', 'US')])];

    const figures = computePeriodicReportFigures(stays, june, 'all-guests');

    expect(figures.daysWithGuests).toBe(4);
    expect(figures.lodgingDays).toEqual(['2026-06-20', '2026-06-21', '2026-06-22', '2026-06-23']);
    expect(figures.guestCount).toBe(2);
    expect(figures.guestNights).toBe(8);
    expect(figures.guestsByNationality).toEqual({ resident: 1, US: 1 });
  });

  test('breakdown of foreign visitors only', () => {
    const stays = [stay('2026-06-20 17:00', '2026-06-24 10:00', [resident('a'), visitor('b', 'US')])];

    const figures = computePeriodicReportFigures(stays, june, 'foreign-visitors-only');

    expect(figures.guestCount).toBe(2);
    expect(figures.guestsByNationality).toEqual({ US: 1 });
  });

  test('no stays give the zero report', () => {
    expect(computePeriodicReportFigures([], june, 'all-guests')).toEqual({
      daysWithGuests: 0,
      lodgingDays: [],
      guestCount: 0,
      guestNights: 0,
      guestsByNationality: {},
    });
  });

  test('stay outside the period counts nothing', () => {
    const stays = [stay('2026-05-20 17:00', '2026-05-24 10:00', [resident('a')])];

    expect(computePeriodicReportFigures(stays, june, 'all-guests').guestCount).toBe(0);
  });

  test('stay across the period edge splits its days', () => {
    const stays = [stay('2026-07-30 17:00', '2026-08-03 10:00', [visitor('a', 'KR')])];

    const inJune = computePeriodicReportFigures(stays, june, 'all-guests');
    const inAugust = computePeriodicReportFigures(stays, august, 'all-guests');

    expect(inJune.lodgingDays).toEqual(['2026-07-30', '2026-07-31']);
    expect(inJune.guestCount).toBe(1);
    expect(inJune.guestNights).toBe(2);
    expect(inAugust.lodgingDays).toEqual(['2026-08-01', '2026-08-02']);
    expect(inAugust.guestCount).toBe(1);
    expect(inAugust.guestNights).toBe(2);
  });

  test('one person on consecutive stays counts once', () => {
    const stays = [
      stay('2026-06-20 17:00', '2026-06-22 10:00', [visitor('same', 'TW')]),
      stay('2026-06-22 15:00', '2026-06-24 10:00', [visitor('same', 'TW')]),
    ];

    const figures = computePeriodicReportFigures(stays, june, 'all-guests');

    expect(figures.guestCount).toBe(1);
    expect(figures.guestNights).toBe(4);
    expect(figures.guestsByNationality).toEqual({ TW: 1 });
  });

  test('one person on separate visits counts twice', () => {
    const stays = [
      stay('2026-06-01 17:00', '2026-06-03 10:00', [visitor('same', 'TW')]),
      stay('2026-06-10 17:00', '2026-06-12 10:00', [visitor('same', 'TW')]),
    ];

    const figures = computePeriodicReportFigures(stays, june, 'all-guests');

    expect(figures.guestCount).toBe(2);
    expect(figures.guestNights).toBe(4);
    expect(figures.guestsByNationality).toEqual({ TW: 2 });
  });

  test('overlapping groups share occupied days', () => {
    const stays = [
      stay('2026-06-10 17:00', '2026-06-13 10:00', [resident('a'), resident('b')]),
      stay('2026-06-12 17:00', '2026-06-14 10:00', [visitor('c', 'CN')]),
    ];

    const figures = computePeriodicReportFigures(stays, june, 'all-guests');

    expect(figures.daysWithGuests).toBe(4);
    expect(figures.guestCount).toBe(3);
    expect(figures.guestNights).toBe(3 + 3 + 2);
    expect(figures.guestsByNationality).toEqual({ resident: 2, CN: 1 });
  });

  test('December to January period spans the year end', () => {
    const decemberJanuary = periodDayRange(reportingPeriod('2026-12'));
    const stays = [stay('2026-12-30 17:00', '2027-01-02 10:00', [resident('a')])];

    const figures = computePeriodicReportFigures(stays, decemberJanuary, 'all-guests');

    expect(figures.lodgingDays).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
  });
});

describe('180-day cap', () => {
  test.each([
    ['2027-04-01 11:59', 2026],
    ['2027-04-01 12:00', 2027],
    ['2027-03-31 23:00', 2026],
    ['2026-12-31 10:00', 2026],
    ['2027-01-01 10:00', 2026],
  ])('instant %s in Japan is in cap year %i', (instant, year) => {
    expect(capYearAt(jst(instant)).year).toBe(year);
  });

  test('instant given in UTC is placed in Japan time', () => {
    // 2027-04-01T02:59Z is 11:59 in Japan, before the April 1 noon.
    expect(capYearAt(new Date('2027-04-01T02:59:00Z')).year).toBe(2026);
    expect(capYearAt(new Date('2027-04-01T03:00:00Z')).year).toBe(2027);
  });

  test.each([
    [180, [150, 170, 180]],
    [120, [90, 110, 120]],
    [20, [10, 20]],
    [5, [5]],
  ])('warning thresholds of limit %i', (limit, expected) => {
    expect(warningThresholds(limit)).toEqual(expected);
  });

  test('overlapping stays count each day once', () => {
    const stays = [stay('2026-06-20 17:00', '2026-06-24 10:00'), stay('2026-06-22 17:00', '2026-06-26 10:00')];

    const count = countAnnualDays(stays, capYear(2026));

    expect(count).toEqual({ year: 2026, daysUsed: 6, limit: 180, remaining: 174, thresholdsReached: [] });
  });

  test('stay over April 1 noon splits between years', () => {
    const stays = [stay('2027-03-30 17:00', '2027-04-02 10:00')];

    expect(countAnnualDays(stays, capYear(2026)).daysUsed).toBe(2);
    expect(countAnnualDays(stays, capYear(2027)).daysUsed).toBe(1);
  });

  test('leap year gives 366 lodging days', () => {
    const wholeYear = [stay('2027-04-01 12:00', '2028-04-01 12:00')];

    const count = countAnnualDays(wholeYear, capYear(2027));

    expect(count.daysUsed).toBe(366);
    expect(count.remaining).toBe(0);
    expect(count.thresholdsReached).toEqual([150, 170, 180]);
  });

  test('150 days reach the first threshold', () => {
    // 17:00 April 1 to 10:00 on August 29 covers lodging days April 1 to August 28: 150 days.
    const stays = [stay('2026-04-01 17:00', '2026-08-29 10:00')];

    const count = countAnnualDays(stays, capYear(2026));

    expect(count.daysUsed).toBe(150);
    expect(count.thresholdsReached).toEqual([150]);
  });

  test('local limit changes remaining days', () => {
    const stays = [stay('2026-04-01 17:00', '2026-08-29 10:00')];

    const count = countAnnualDays(stays, capYear(2026), 120);

    expect(count.remaining).toBe(0);
    expect(count.thresholdsReached).toEqual([90, 110, 120]);
  });

  test('new stay that exceeds the limit is flagged', () => {
    // 179 lodging days: April 1 to September 26.
    const existing = [stay('2026-04-01 17:00', '2026-09-27 10:00')];
    const withinLimit = stay('2026-09-27 17:00', '2026-09-28 10:00');
    const overLimit = stay('2026-09-27 17:00', '2026-09-29 10:00');

    expect(countAnnualDays(existing, capYear(2026)).daysUsed).toBe(179);
    expect(checkNewStay(existing, withinLimit)).toEqual([{ year: 2026, daysUsedAfter: 180, limit: 180, exceedsLimit: false }]);
    expect(checkNewStay(existing, overLimit)).toEqual([{ year: 2026, daysUsedAfter: 181, limit: 180, exceedsLimit: true }]);
  });

  test('new stay on days already used adds nothing', () => {
    const existing = [stay('2026-06-20 17:00', '2026-06-24 10:00')];

    expect(checkNewStay(existing, stay('2026-06-21 17:00', '2026-06-22 10:00'))[0].daysUsedAfter).toBe(4);
  });

  test('new stay over April 1 checks both years', () => {
    const checks = checkNewStay([], stay('2027-03-31 17:00', '2027-04-02 10:00'));

    expect(checks.map((check) => [check.year, check.daysUsedAfter])).toEqual([
      [2026, 1],
      [2027, 1],
    ]);
  });
});

describe('long stays', () => {
  test.each([
    ['2026-06-01', '2026-06-07', false],
    ['2026-06-01', '2026-06-08', true],
    ['2026-02-25', '2026-03-04', true],
    ['2028-02-25', '2028-03-03', true],
    ['2027-02-25', '2027-03-03', false],
  ])('%s to %s is long: %s', (arrival, departure, expected) => {
    expect(isLongStay(arrival, departure)).toBe(expected);
  });

  test('confirmation due a week after check-in', () => {
    const next = nextLongStayConfirmation({
      arrivalDate: '2026-06-01',
      departureDate: '2026-06-20',
      checkInAt: jst('2026-06-01 16:00'),
      checkOutAt: jst('2026-06-20 10:00'),
    });

    expect(next).toEqual(jst('2026-06-08 16:00'));
  });

  test('confirmation due a week after the last one', () => {
    const next = nextLongStayConfirmation({
      arrivalDate: '2026-06-01',
      departureDate: '2026-06-20',
      checkInAt: jst('2026-06-01 16:00'),
      checkOutAt: jst('2026-06-20 10:00'),
      lastConfirmedAt: jst('2026-06-09 09:00'),
    });

    expect(next).toEqual(jst('2026-06-16 09:00'));
  });

  test('no confirmation after check-out or for short stays', () => {
    const base = { checkInAt: jst('2026-06-01 16:00'), checkOutAt: jst('2026-06-09 10:00') };

    expect(nextLongStayConfirmation({ ...base, arrivalDate: '2026-06-01', departureDate: '2026-06-09', lastConfirmedAt: jst('2026-06-08 16:00') })).toBeUndefined();
    expect(nextLongStayConfirmation({ ...base, arrivalDate: '2026-06-01', departureDate: '2026-06-04' })).toBeUndefined();
  });

  const longEntry: CountableEntry = {
    entryId: 'entry-long',
    arrivalDate: '2026-06-01',
    departureDate: '2026-06-20',
    consent: { acceptedAt: '2026-06-01T16:00:00+09:00', language: 'ja' },
    guests: [{ guestId: 'g1', hasAddressInJapan: true }],
  };

  test.each([
    // name, now in Japan, last confirmation, in progress, due, next due
    ['before check-in', '2026-06-01 15:00', undefined, false, false, '2026-06-08 16:00'],
    ['first week', '2026-06-08 15:59', undefined, true, false, '2026-06-08 16:00'],
    ['due a week after check-in', '2026-06-08 16:00', undefined, true, true, '2026-06-08 16:00'],
    ['confirmed late', '2026-06-10 09:00', '2026-06-10 08:00', true, false, '2026-06-17 08:00'],
    ['overdue since the confirmation', '2026-06-18 09:00', '2026-06-10 08:00', true, true, '2026-06-17 08:00'],
    ['last confirmation covers check-out', '2026-06-19 09:00', '2026-06-15 08:00', true, false, undefined],
    ['after check-out', '2026-06-20 10:00', undefined, false, false, '2026-06-08 16:00'],
  ])('status %s', (_name, now, lastConfirmed, inProgress, due, nextDue) => {
    const entry = { ...longEntry, lastLongStayConfirmedAt: lastConfirmed && jst(lastConfirmed).toISOString() };

    const status = longStayStatus(entry, jst(now))!;

    expect({ inProgress: status.inProgress, due: status.due }).toEqual({ inProgress, due });
    expect(status.nextDueAt).toBe(nextDue && jst(nextDue).toISOString());
    expect(status.nights).toBe(19);
  });

  test('short stay has no status', () => {
    expect(longStayStatus({ ...longEntry, departureDate: '2026-06-07' }, jst('2026-06-03 12:00'))).toBeUndefined();
  });

  test.each([
    ['at the due time', '2026-06-08 16:00', 0],
    ['six days later', '2026-06-14 15:59', 0],
    ['a week later', '2026-06-15 16:00', 1],
    ['three weeks later', '2026-06-29 17:00', 3],
  ])('reminder round %s', (_name, now, round) => {
    expect(longStayReminderRound(jst('2026-06-08 16:00'), jst(now))).toBe(round);
  });
});

describe('register entry as a stay', () => {
  const entry: CountableEntry = {
    entryId: 'entry-1',
    arrivalDate: '2026-06-20',
    departureDate: '2026-06-24',
    consent: { acceptedAt: '2026-06-20T08:05:00Z', language: 'en' },
    guests: [
      { guestId: 'g1', hasAddressInJapan: true },
      { guestId: 'g2', hasAddressInJapan: false, nationality: 'FR' },
    ],
  };

  test('kiosk consent time is the check-in', () => {
    expect(stayPeriodOfEntry(entry)).toEqual({ checkInAt: new Date('2026-06-20T08:05:00Z'), checkOutAt: jst('2026-06-24 10:00') });
  });

  test('consent time outside the booked dates falls back to 15:00', () => {
    const late = { ...entry, consent: { acceptedAt: '2026-07-01T08:05:00Z', language: 'en' } };

    expect(stayPeriodOfEntry(late).checkInAt).toEqual(jst('2026-06-20 15:00'));
  });

  test('recorded times override the defaults', () => {
    const recorded = { ...entry, checkedInAt: '2026-06-20T02:00:00Z', checkedOutAt: '2026-06-24T05:00:00Z' };

    expect(lodgingDayNumbers(stayPeriodOfEntry(recorded)).map(dateOfDayNumber)).toEqual([
      '2026-06-19',
      '2026-06-20',
      '2026-06-21',
      '2026-06-22',
      '2026-06-23',
      '2026-06-24',
    ]);
  });

  test('guest without a person key is a person of this stay', () => {
    expect(countedStayOfEntry(entry).guests).toEqual([
      { personKey: 'stay:entry-1/g1', hasAddressInJapan: true, nationality: undefined },
      { personKey: 'stay:entry-1/g2', hasAddressInJapan: false, nationality: 'FR' },
    ]);
  });

  test('person key links the stay to the person', () => {
    const keyed = { ...entry, guests: [{ ...entry.guests[0], personKey: 'k1' }, { ...entry.guests[1], personKey: 'k2' }] };

    expect(countedStayOfEntry(keyed).guests.map((guest) => guest.personKey)).toEqual(['person:k1', 'person:k2']);
  });

  test('one person entered twice in a stay stays two guests', () => {
    const twice = { ...entry, guests: [{ ...entry.guests[0], personKey: 'k1' }, { ...entry.guests[0], guestId: 'g3', personKey: 'k1' }] };

    expect(countedStayOfEntry(twice).guests.map((guest) => guest.personKey)).toEqual(['person:k1', 'stay:entry-1/g3']);
  });
});

describe('one guest across back-to-back register entries', () => {
  const june = periodDayRange(reportingPeriod('2026-06'));
  const entryOf = (entryId: string, arrivalDate: string, departureDate: string, personKeys: (string | undefined)[]): CountableEntry => ({
    entryId,
    arrivalDate,
    departureDate,
    consent: { acceptedAt: `${arrivalDate}T17:00:00+09:00`, language: 'ja' },
    guests: personKeys.map((personKey, index) => ({ guestId: `g${index + 1}`, hasAddressInJapan: false, nationality: 'KR', personKey })),
  });

  test.each([
    // name, first stay, second stay, guest count, guest-nights
    ['same person, second stay starts on the check-out day', ['06-20', '06-22', ['p']], ['06-22', '06-24', ['p']], 1, 4],
    ['same person, one night between the stays', ['06-20', '06-22', ['p']], ['06-23', '06-24', ['p']], 2, 3],
    ['two people, the second one stays on', ['06-20', '06-22', ['p', 'q']], ['06-22', '06-24', ['p']], 2, 6],
    ['different people back to back', ['06-20', '06-22', ['p']], ['06-22', '06-24', ['q']], 2, 4],
    ['entries stored before person keys', ['06-20', '06-22', [undefined]], ['06-22', '06-24', [undefined]], 2, 4],
    ['July into August: only the days of the June–July period count', ['07-30', '08-01', ['p']], ['08-01', '08-03', ['p']], 1, 2],
  ] as const)('%s', (_name, first, second, guestCount, guestNights) => {
    const entries = [
      entryOf('e1', `2026-${first[0]}`, `2026-${first[1]}`, [...first[2]]),
      entryOf('e2', `2026-${second[0]}`, `2026-${second[1]}`, [...second[2]]),
    ];

    const figures = computePeriodicReportFigures(entries.map(countedStayOfEntry), june, 'all-guests');

    expect({ guestCount: figures.guestCount, guestNights: figures.guestNights }).toEqual({ guestCount, guestNights });
    expect(figures.guestsByNationality).toEqual({ KR: guestCount });
  });
});
