import { dateOfDayNumber, type JapanDate } from './japan-time';
import { isInRange, lodgingDayNumbers, type DayRange, type StayPeriod } from './lodging-days';

/** A guest of a stay, with what the counting needs and no PII. */
export interface CountedGuest {
  /**
   * Identifies one person across stays: the same key on consecutive lodging days counts one
   * guest. Guests of one stay have different keys.
   */
  readonly personKey: string;
  readonly hasAddressInJapan: boolean;
  /** ISO 3166-1 alpha-2; required only for guests without an address in Japan. */
  readonly nationality?: string;
}

export interface CountedStay extends StayPeriod {
  readonly guests: readonly CountedGuest[];
}

/**
 * Which guests the 国籍別 breakdown covers. Municipalities differ: some want every guest, with
 * guests who have an address in Japan in one group of their own, others only guests without an
 * address in Japan.
 */
export type NationalityBreakdownRule = 'all-guests' | 'foreign-visitors-only';

/** Breakdown key of guests with an address in Japan, whatever their nationality. */
export const residentGroup = 'resident';

/** The four figures of a 定期報告 for one facility and one period. */
export interface PeriodicReportFigures {
  /** 届出住宅に人を宿泊させた日数: lodging days on which anyone stayed. */
  readonly daysWithGuests: number;
  /** Those lodging days, ascending. */
  readonly lodgingDays: readonly JapanDate[];
  /** 宿泊者数: guests, one person on consecutive days counting once. */
  readonly guestCount: number;
  /** 延べ宿泊者数: one per guest per lodging day. */
  readonly guestNights: number;
  /** 国籍別の宿泊者数: 宿泊者数 by nationality code, or `resident` for guests with an address in Japan. */
  readonly guestsByNationality: Readonly<Record<string, number>>;
}

/**
 * Computes the figures of one facility for the lodging days in `period`. Stays outside the
 * period count nothing; a stay across the period's edge counts only its days inside. No stays
 * give the zero report, which is due all the same.
 */
export function computePeriodicReportFigures(
  stays: readonly CountedStay[],
  period: DayRange,
  rule: NationalityBreakdownRule,
): PeriodicReportFigures {
  const occupiedDays = new Set<number>();
  const personDays = new Map<string, { days: Set<number>; group: string | undefined }>();

  for (const stay of stays) {
    const days = lodgingDayNumbers(stay).filter((day) => isInRange(day, period));
    if (days.length === 0) continue;
    for (const day of days) occupiedDays.add(day);
    for (const guest of stay.guests) {
      const person = personDays.get(guest.personKey) ?? { days: new Set<number>(), group: breakdownGroup(guest, rule) };
      for (const day of days) person.days.add(day);
      personDays.set(guest.personKey, person);
    }
  }

  let guestCount = 0;
  let guestNights = 0;
  const guestsByNationality: Record<string, number> = {};
  for (const person of personDays.values()) {
    const visits = countConsecutiveRuns([...person.days]);
    guestCount += visits;
    guestNights += person.days.size;
    if (person.group !== undefined) {
      guestsByNationality[person.group] = (guestsByNationality[person.group] ?? 0) + visits;
    }
  }

  const lodgingDays = [...occupiedDays].sort((a, b) => a - b).map(dateOfDayNumber);
  return { daysWithGuests: lodgingDays.length, lodgingDays, guestCount, guestNights, guestsByNationality };
}

function breakdownGroup(guest: CountedGuest, rule: NationalityBreakdownRule): string | undefined {
  if (guest.hasAddressInJapan) return rule === 'all-guests' ? residentGroup : undefined;
  // NOTE: the check-in payload requires a nationality without an address in Japan, so `unknown`
  // appears only for entries stored before that rule or corrected without one.
  return guest.nationality ?? 'unknown';
}

/** Separate visits of one person: runs of consecutive day numbers. */
function countConsecutiveRuns(days: number[]): number {
  days.sort((a, b) => a - b);
  let runs = 0;
  for (let index = 0; index < days.length; index += 1) {
    if (index === 0 || days[index] !== days[index - 1] + 1) runs += 1;
  }
  return runs;
}
