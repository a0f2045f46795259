import { dayNumberOf, lodgingDayOf, type JapanDate } from './japan-time';

/** Presence at the facility from check-in (inclusive) to check-out (exclusive). */
export interface StayPeriod {
  readonly checkInAt: Date;
  readonly checkOutAt: Date;
}

/**
 * Day numbers of every lodging day (noon to noon in Japan) in which the stay was present for any
 * moment, in ascending order. Any part of a lodging day counts it whole: 17:00 on 6/20 to 10:00
 * on 6/24 gives 6/20, 6/21, 6/22 and 6/23, four days. A check-out at exactly noon does not touch
 * the lodging day that starts at that noon.
 */
export function lodgingDayNumbers(stay: StayPeriod): number[] {
  const checkIn = stay.checkInAt.getTime();
  const checkOut = stay.checkOutAt.getTime();
  if (!(checkOut > checkIn)) {
    throw new RangeError('A stay must check out after it checks in.');
  }
  const first = dayNumberOf(lodgingDayOf(stay.checkInAt));
  const last = dayNumberOf(lodgingDayOf(new Date(checkOut - 1)));
  const days: number[] = [];
  for (let day = first; day <= last; day += 1) days.push(day);
  return days;
}

/** Inclusive range of lodging days, by day number. */
export interface DayRange {
  readonly first: number;
  readonly last: number;
}

export function dayRange(first: JapanDate, last: JapanDate): DayRange {
  return { first: dayNumberOf(first), last: dayNumberOf(last) };
}

export function isInRange(day: number, range: DayRange): boolean {
  return day >= range.first && day <= range.last;
}
