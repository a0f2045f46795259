import { InvalidCheckInPayloadError, parseCheckInPayload } from '../../lambdas/check-in/check-in-payload';
import { maxNights } from '../../kiosk/src/check-in/stay-dates';

const resident = {
  guestId: 'guest-1',
  name: '検証 花子',
  address: '架空県架空市試験町1-2-3',
  occupation: '会社員',
  hasAddressInJapan: true,
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Returns the problems parseCheckInPayload raises for the stay, or [] when it passes. */
function problemsOf(stay: { arrivalDate: string; departureDate: string; acceptedAt: string }): readonly string[] {
  const text = JSON.stringify({
    version: 1,
    checkInId: 'check-in-1',
    facilityId: 'facility-1',
    arrivalDate: stay.arrivalDate,
    departureDate: stay.departureDate,
    language: 'en',
    consent: { acceptedAt: stay.acceptedAt, language: 'en' },
    guests: [resident],
  });
  try {
    parseCheckInPayload(text);
    return [];
  } catch (error) {
    if (error instanceof InvalidCheckInPayloadError) return error.problems;
    throw error;
  }
}

const futureArrival = 'arrivalDate: not after the date in Japan of consent.acceptedAt';
const earlyArrival = 'arrivalDate: not before the day before the date in Japan of consent.acceptedAt';

describe('check-in payload stay dates', () => {
  test.each([
    ['arrival on the consent date', '2026-05-10', '2026-05-10T15:00:00+09:00'],
    ['arrival the day before consent', '2026-05-09', '2026-05-10T01:30:00+09:00'],
    ['consent in UTC, already the next day in Japan', '2026-05-11', '2026-05-10T15:30:00Z'],
  ])('accepts %s', (_case, arrivalDate, acceptedAt) => {
    expect(problemsOf({ arrivalDate, departureDate: addDays(arrivalDate, 2), acceptedAt })).toEqual([]);
  });

  test.each([
    ['arrival after the consent date', '2026-05-11', '2026-05-10T23:59:00+09:00', futureArrival],
    ['arrival years after consent', '2031-01-01', '2026-05-10T15:00:00+09:00', futureArrival],
    ['arrival two days before consent', '2026-05-08', '2026-05-10T15:00:00+09:00', earlyArrival],
    ['consent in UTC, still the day before in Japan', '2026-05-11', '2026-05-10T14:59:00Z', futureArrival],
  ])('rejects %s', (_case, arrivalDate, acceptedAt, problem) => {
    expect(problemsOf({ arrivalDate, departureDate: addDays(arrivalDate, 2), acceptedAt })).toEqual([problem]);
  });

  test('accepts a stay of maxNights', () => {
    const stay = { arrivalDate: '2026-05-10', departureDate: addDays('2026-05-10', maxNights), acceptedAt: '2026-05-10T15:00:00+09:00' };
    expect(problemsOf(stay)).toEqual([]);
  });

  test('rejects a stay over maxNights', () => {
    const stay = { arrivalDate: '2026-05-10', departureDate: addDays('2026-05-10', maxNights + 1), acceptedAt: '2026-05-10T15:00:00+09:00' };
    expect(problemsOf(stay)).toEqual([`departureDate: at most ${maxNights} nights after arrivalDate`]);
  });

  test('rejects departure on arrival day', () => {
    const stay = { arrivalDate: '2026-05-10', departureDate: '2026-05-10', acceptedAt: '2026-05-10T15:00:00+09:00' };
    expect(problemsOf(stay)).toEqual(['departureDate: after arrivalDate']);
  });

  test('rejects an impossible calendar date', () => {
    const stay = { arrivalDate: '2026-02-30', departureDate: '2026-03-02', acceptedAt: '2026-02-28T15:00:00+09:00' };
    expect(problemsOf(stay)).toEqual(['arrivalDate: a real calendar date']);
  });
});
