/**
 * Stay-date rules that the kiosk form and check-in ingest both apply, so that a check-in synced
 * days later is held to the rules the guest saw. Dates are calendar dates in Japan as YYYY-MM-DD.
 */

// NOTE: the maximum is a product guess, not a legal limit. It is the 90-day visa-free stay that
// visitors of many countries get, and it rejects a check-out typed a year too late.
export const maxNights = 90;

// Japan Standard Time is UTC+9 all year (no daylight saving time), so a fixed offset is exact.
const japanOffsetMs = 9 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns the date in Japan at an instant as YYYY-MM-DD, whatever time zone the device uses. */
export function japanDateOf(instant: Date): string {
  return new Date(instant.getTime() + japanOffsetMs).toISOString().slice(0, 10);
}

/** Parses YYYY-MM-DD as a day number (days since 1970-01-01), or undefined for an impossible calendar date. */
export function dayNumberOf(value: string): number | undefined {
  const match = isoDatePattern.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return undefined;
  if (date.getUTCDate() !== day) return undefined;
  return time / dayMs;
}

export type ArrivalDateProblem = 'arrivalTooEarly' | 'arrivalInFuture';

/**
 * Checks an arrival day against the day the guest checks in at the facility, both as day
 * numbers. The guest arrives today, or yesterday when they check in after midnight.
 */
export function arrivalDateProblem(arrivalDay: number, checkInDay: number): ArrivalDateProblem | undefined {
  if (arrivalDay > checkInDay) return 'arrivalInFuture';
  if (arrivalDay < checkInDay - 1) return 'arrivalTooEarly';
  return undefined;
}
