/**
 * Japan Standard Time arithmetic. Every date of the register, the 定期報告 and the 180-day cap is a
 * date in Japan. JST is UTC+9 all year (Japan has no daylight saving time), so a fixed offset is
 * exact and no time-zone database is needed.
 */
import { dayNumberOf as calendarDayNumberOf, japanDateOf } from '../../kiosk/src/check-in/stay-dates';

const jstOffsetMs = 9 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** A calendar date in Japan as `YYYY-MM-DD`. */
export type JapanDate = string;

/** The date in Japan at an instant, as the kiosk's stay-date rules compute it. */
export { japanDateOf };

/** Whether `value` is a real calendar date written as `YYYY-MM-DD` (rejects 2026-02-30). */
export function isJapanDate(value: string): boolean {
  return calendarDayNumberOf(value) !== undefined;
}

/**
 * Day number of a date: days since 1970-01-01. Day numbers make date ranges plain integer
 * ranges; they carry no time of day and no time zone.
 */
export function dayNumberOf(date: JapanDate): number {
  if (!isJapanDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / dayMs;
}

export function dateOfDayNumber(dayNumber: number): JapanDate {
  return new Date(dayNumber * dayMs).toISOString().slice(0, 10);
}

export function addDays(date: JapanDate, days: number): JapanDate {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** The instant of a wall-clock time in Japan, `time` as `HH:MM`. */
export function japanInstant(date: JapanDate, time: string): Date {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError(`Not a time of day (HH:MM): ${time}`);
  return new Date(Date.parse(`${date}T${time}:00+09:00`));
}

/**
 * The lodging day (宿泊日) containing an instant. A lodging day runs from noon in Japan to the
 * next noon and is named by the date of its starting noon, so 6/21 09:00 belongs to 6/20.
 */
export function lodgingDayOf(instant: Date): JapanDate {
  return japanDateOf(new Date(instant.getTime() - dayMs / 2));
}

/** Formats an instant as Japan wall-clock time, `YYYY-MM-DD HH:MM`. */
export function formatJapanDateTime(instant: Date): string {
  return new Date(instant.getTime() + jstOffsetMs).toISOString().slice(0, 16).replace('T', ' ');
}
