import { addDays, dateOfDayNumber, dayNumberOf, isJapanDate, japanDateOf, type JapanDate } from './japan-time';
import { dayRange, type DayRange } from './lodging-days';

/**
 * A two-month period of the 定期報告 (住宅宿泊事業法 第14条, 施行規則 第12条): February–March,
 * April–May, June–July, August–September, October–November or December–January. The report is
 * due on the 15th of the month after the period.
 */
export interface ReportingPeriod {
  /** First month as `YYYY-MM`; the month is even (02, 04, …, 12). */
  readonly periodId: string;
  /** First and last lodging day of the period (a lodging day is named by its starting noon). */
  readonly firstDay: JapanDate;
  readonly lastDay: JapanDate;
  readonly dueDate: JapanDate;
  /** 7 days before the due date, when the reminder mail goes out. */
  readonly reminderDate: JapanDate;
  /** Label of the government system, e.g. `2026年度08月～09月`; the fiscal year starts in April. */
  readonly governmentLabel: string;
}

const periodIdPattern = /^(\d{4})-(02|04|06|08|10|12)$/;

export function isPeriodId(value: string): boolean {
  return periodIdPattern.test(value);
}

export function reportingPeriod(periodId: string): ReportingPeriod {
  const match = periodIdPattern.exec(periodId);
  if (!match) throw new RangeError(`Not a reporting period (YYYY-MM with an even month): ${periodId}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const firstDay = isoDate(year, month, 1);
  const afterPeriod = month === 12 ? { year: year + 1, month: 2 } : { year, month: month + 2 };
  const nextMonthStart = isoDate(afterPeriod.year, afterPeriod.month, 1);
  const dueDate = isoDate(afterPeriod.year, afterPeriod.month, 15);
  const secondMonth = month === 12 ? 1 : month + 1;
  const fiscalYear = month >= 4 ? year : year - 1;
  return {
    periodId,
    firstDay,
    lastDay: addDays(nextMonthStart, -1),
    dueDate,
    reminderDate: addDays(dueDate, -7),
    governmentLabel: `${fiscalYear}年度${pad(month)}月～${pad(secondMonth)}月`,
  };
}

/** The period containing a lodging day. */
export function periodOfDay(day: JapanDate): ReportingPeriod {
  if (!isJapanDate(day)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${day}`);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (month === 1) return reportingPeriod(`${year - 1}-12`);
  const startMonth = month % 2 === 0 ? month : month - 1;
  return reportingPeriod(`${year}-${pad(startMonth)}`);
}

export function periodDayRange(period: ReportingPeriod): DayRange {
  return dayRange(period.firstDay, period.lastDay);
}

/**
 * Returns whether a facility owes the 定期報告 of `period`: it does from the period containing its
 * 届出日 (`notificationDate`) on. Without a 届出日 every period counts, because the start is unknown.
 */
export function isPeriodOwed(period: ReportingPeriod, notificationDate: JapanDate | undefined): boolean {
  return notificationDate === undefined || period.lastDay >= notificationDate;
}

/** The period before `period`. */
export function previousPeriod(period: ReportingPeriod): ReportingPeriod {
  return periodOfDay(addDays(period.firstDay, -1));
}

/**
 * Periods whose last day is before `today` and whose first day is on or after `since`, newest
 * first: the reports an operator has had to file since a facility started.
 */
export function closedPeriodsSince(since: JapanDate, today: JapanDate): ReportingPeriod[] {
  const periods: ReportingPeriod[] = [];
  let period = previousPeriod(periodOfDay(today));
  const sinceDay = dayNumberOf(periodOfDay(since).firstDay);
  while (dayNumberOf(period.firstDay) >= sinceDay) {
    periods.push(period);
    period = previousPeriod(period);
  }
  return periods;
}

/** The period whose reminder goes out on `today` (Japan date), if any. */
export function periodWithReminderOn(today: JapanDate): ReportingPeriod | undefined {
  const dueDate = addDays(today, 7);
  const candidate = previousPeriod(periodOfDay(dueDate));
  return candidate.reminderDate === today ? candidate : undefined;
}

/** The date in Japan now, from an injected clock. */
export function todayInJapan(now: Date): JapanDate {
  return japanDateOf(now);
}

function isoDate(year: number, month: number, day: number): JapanDate {
  return dateOfDayNumber(Date.UTC(year, month - 1, day) / 86_400_000);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
