import { dateOfDayNumber, dayNumberOf, lodgingDayOf, type JapanDate } from './japan-time';
import { lodgingDayNumbers, type StayPeriod } from './lodging-days';

/** 住宅宿泊事業法 施行規則 第3条: at most 180 days a year per 届出住宅. */
export const statutoryDayLimit = 180;

/**
 * The counting year of the cap, from April 1 noon to the next April 1 noon in Japan, named by the
 * calendar year of its April (`2026` runs from 2026-04-01 12:00 to 2027-04-01 12:00).
 */
export interface CapYear {
  readonly year: number;
  readonly firstDay: number;
  readonly lastDay: number;
}

export function capYear(year: number): CapYear {
  return {
    year,
    firstDay: dayNumberOf(`${year}-04-01`),
    lastDay: dayNumberOf(`${year + 1}-03-31`),
  };
}

/** Returns the cap year containing a lodging day (`YYYY-MM-DD`). */
export function capYearOfDay(day: JapanDate): CapYear {
  const year = Number(day.slice(0, 4));
  return capYear(day.slice(5) >= '04-01' ? year : year - 1);
}

/** Returns the cap year at an instant, so that the morning of April 1 still counts to the year before. */
export function capYearAt(instant: Date): CapYear {
  return capYearOfDay(lodgingDayOf(instant));
}

/**
 * Days used at which the operator is warned. For the statutory 180 days they are 150, 170 and
 * 180; a local limit gets the same distances to its limit (30 days left, 10 left, none left),
 * dropping any that would fall below one day.
 */
export function warningThresholds(limit: number): number[] {
  return [limit - 30, limit - 10, limit].filter((threshold) => threshold >= 1);
}

export interface AnnualDayCount {
  readonly year: number;
  readonly daysUsed: number;
  readonly limit: number;
  /** Zero once the limit is reached; never negative. */
  readonly remaining: number;
  /** Thresholds of `warningThresholds(limit)` that `daysUsed` has reached. */
  readonly thresholdsReached: readonly number[];
}

/** Counts the lodging days of `year` on which any stay was present, whatever its channel. */
export function countAnnualDays(stays: readonly StayPeriod[], year: CapYear, limit = statutoryDayLimit): AnnualDayCount {
  const daysUsed = occupiedDaysInYear(stays, year).size;
  return {
    year: year.year,
    daysUsed,
    limit,
    remaining: Math.max(0, limit - daysUsed),
    thresholdsReached: warningThresholds(limit).filter((threshold) => daysUsed >= threshold),
  };
}

export interface CapCheck {
  readonly year: number;
  readonly daysUsedAfter: number;
  readonly limit: number;
  readonly exceedsLimit: boolean;
}

/**
 * Computes the count of each cap year a new stay touches, with the new stay added (a stay over
 * April 1 touches two years). Days already used by other stays are not counted twice.
 */
export function checkNewStay(existing: readonly StayPeriod[], newStay: StayPeriod, limit = statutoryDayLimit): CapCheck[] {
  const years = new Map<number, CapYear>();
  for (const day of lodgingDayNumbers(newStay)) {
    const year = capYearOfDayNumber(day);
    years.set(year.year, year);
  }
  return [...years.values()].map((year) => {
    const daysUsedAfter = occupiedDaysInYear([...existing, newStay], year).size;
    return { year: year.year, daysUsedAfter, limit, exceedsLimit: daysUsedAfter > limit };
  });
}

function occupiedDaysInYear(stays: readonly StayPeriod[], year: CapYear): Set<number> {
  const days = new Set<number>();
  for (const stay of stays) {
    for (const day of lodgingDayNumbers(stay)) {
      if (day >= year.firstDay && day <= year.lastDay) days.add(day);
    }
  }
  return days;
}

function capYearOfDayNumber(day: number): CapYear {
  return capYearOfDay(dateOfDayNumber(day));
}
