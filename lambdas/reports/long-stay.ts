import { dayNumberOf, type JapanDate } from './japan-time';
import { stayPeriodOfEntry, type CountableEntry } from './register-stays';

/** Stays of this many nights or more need periodic confirmation that no unverified person stays. */
export const longStayNights = 7;

/** Days between two confirmations of a long stay. */
export const longStayConfirmationIntervalDays = 7;

const dayMs = 86_400_000;

export function nightsOf(arrivalDate: JapanDate, departureDate: JapanDate): number {
  return dayNumberOf(departureDate) - dayNumberOf(arrivalDate);
}

export function isLongStay(arrivalDate: JapanDate, departureDate: JapanDate): boolean {
  return nightsOf(arrivalDate, departureDate) >= longStayNights;
}

/**
 * When the operator should next confirm who is staying: a week after check-in, then a week after
 * each confirmation. Undefined for a short stay, or once the next date is not before check-out.
 */
export function nextLongStayConfirmation(input: {
  arrivalDate: JapanDate;
  departureDate: JapanDate;
  checkInAt: Date;
  checkOutAt: Date;
  lastConfirmedAt?: Date;
}): Date | undefined {
  if (!isLongStay(input.arrivalDate, input.departureDate)) return undefined;
  const since = input.lastConfirmedAt ?? input.checkInAt;
  const next = new Date(since.getTime() + longStayConfirmationIntervalDays * dayMs);
  return next < input.checkOutAt ? next : undefined;
}

/** Confirmation state of a long stay at one moment. */
export interface LongStayStatus {
  readonly nights: number;
  /** Checked in and not yet checked out at that moment. */
  readonly inProgress: boolean;
  readonly lastConfirmedAt?: string;
  /** When the next confirmation is due; absent once no further one falls before check-out. */
  readonly nextDueAt?: string;
  /** In progress and the next confirmation is due or overdue. */
  readonly due: boolean;
}

/** Computes the confirmation status of a register entry at `now`; undefined for a short stay. */
export function longStayStatus(entry: CountableEntry & { readonly lastLongStayConfirmedAt?: string }, now: Date): LongStayStatus | undefined {
  if (!isLongStay(entry.arrivalDate, entry.departureDate)) return undefined;
  const { checkInAt, checkOutAt } = stayPeriodOfEntry(entry);
  const next = nextLongStayConfirmation({
    arrivalDate: entry.arrivalDate,
    departureDate: entry.departureDate,
    checkInAt,
    checkOutAt,
    lastConfirmedAt: entry.lastLongStayConfirmedAt === undefined ? undefined : new Date(entry.lastLongStayConfirmedAt),
  });
  const inProgress = checkInAt <= now && now < checkOutAt;
  return {
    nights: nightsOf(entry.arrivalDate, entry.departureDate),
    inProgress,
    lastConfirmedAt: entry.lastLongStayConfirmedAt,
    nextDueAt: next?.toISOString(),
    due: inProgress && next !== undefined && next <= now,
  };
}

/**
 * Counts the reminders a due confirmation has earned by `now`: the first when it falls due, then
 * one more every `longStayConfirmationIntervalDays` until an operator confirms. Each round is mailed
 * once, so an unconfirmed stay is reminded weekly, not daily.
 */
export function longStayReminderRound(nextDueAt: Date, now: Date): number {
  return Math.floor((now.getTime() - nextDueAt.getTime()) / (longStayConfirmationIntervalDays * dayMs));
}
