import { dayNumberOf, type JapanDate } from './japan-time';

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
