import type { Reason } from '../http/validation-messages';
import { addDays, japanInstant } from '../reports/japan-time';
import { defaultCheckInTime, defaultCheckOutTime, stayPeriodOfEntry, type CountableEntry } from '../reports/register-stays';

/** A stay-time field of a register entry that a rule can reject. */
export type StayTimeField = 'arrivalDate' | 'departureDate' | 'checkedInAt' | 'checkedOutAt';

/** A broken rule: the field to name and why, in both languages. */
export interface StayTimeProblem {
  readonly field: StayTimeField;
  readonly reason: Reason;
}

type StayTimes = Pick<CountableEntry, 'arrivalDate' | 'departureDate' | 'consent' | 'checkedInAt' | 'checkedOutAt'>;

/**
 * Checks that the dates and times of a stay agree, so that every stay counts at least one lodging
 * day in the 定期報告 and the 180-day cap:
 * - the departure date is after the arrival date, as the check-in payload requires;
 * - a recorded check-in falls from 00:00 on the arrival date to the end of the departure date;
 * - a recorded check-out falls from 00:00 on the arrival date to the end of the day after the
 *   departure date, which allows a late departure past midnight;
 * - the check-out is after the check-in, each being the recorded time or the time the counting
 *   assumes without one (see stayPeriodOfEntry).
 * A check-out not after the check-in names the check-out, unless only the check-in is recorded.
 * Returns the first problem, or undefined.
 */
export function findStayTimeProblem(entry: StayTimes): StayTimeProblem | undefined {
  if (!(entry.departureDate > entry.arrivalDate)) {
    return {
      field: 'departureDate',
      reason: { ja: `到着日 (${entry.arrivalDate}) より後にしてください`, en: `must be after the arrival date ${entry.arrivalDate}` },
    };
  }
  const arrivalStart = japanInstant(entry.arrivalDate, '00:00').getTime();
  const checkInEnd = japanInstant(addDays(entry.departureDate, 1), '00:00').getTime();
  const checkOutEnd = japanInstant(addDays(entry.departureDate, 2), '00:00').getTime();

  if (entry.checkedInAt !== undefined) {
    const checkIn = Date.parse(entry.checkedInAt);
    if (!(checkIn >= arrivalStart)) {
      return { field: 'checkedInAt', reason: { ja: `到着日 (${entry.arrivalDate}) より前です`, en: `before the arrival date ${entry.arrivalDate}` } };
    }
    if (!(checkIn < checkInEnd)) {
      return { field: 'checkedInAt', reason: { ja: `出発日 (${entry.departureDate}) より後です`, en: `after the departure date ${entry.departureDate}` } };
    }
  }
  if (entry.checkedOutAt !== undefined) {
    const checkOut = Date.parse(entry.checkedOutAt);
    if (!(checkOut >= arrivalStart)) {
      return { field: 'checkedOutAt', reason: { ja: `到着日 (${entry.arrivalDate}) より前です`, en: `before the arrival date ${entry.arrivalDate}` } };
    }
    if (!(checkOut < checkOutEnd)) {
      return {
        field: 'checkedOutAt',
        reason: { ja: `出発日 (${entry.departureDate}) の翌日より後です`, en: `later than the day after the departure date ${entry.departureDate}` },
      };
    }
  }

  const { checkInAt, checkOutAt } = stayPeriodOfEntry({ ...entry, entryId: '' });
  if (checkOutAt.getTime() > checkInAt.getTime()) return undefined;
  if (entry.checkedOutAt === undefined && entry.checkedInAt !== undefined) {
    return {
      field: 'checkedInAt',
      reason: {
        ja: `チェックアウト (記録がないため出発日 ${entry.departureDate} の ${defaultCheckOutTime} とみなします) より前にしてください`,
        en: `must be before the check-out, taken as ${defaultCheckOutTime} on the departure date ${entry.departureDate} because none is recorded`,
      },
    };
  }
  if (entry.checkedInAt !== undefined) {
    return { field: 'checkedOutAt', reason: { ja: 'チェックイン日時より後にしてください', en: 'must be after the check-in' } };
  }
  return {
    field: 'checkedOutAt',
    reason: {
      ja: `チェックイン (記録がないためキオスクでの受付時刻、または到着日 ${entry.arrivalDate} の ${defaultCheckInTime} とみなします) より後にしてください`,
      en: `must be after the check-in, taken as the kiosk check-in or ${defaultCheckInTime} on the arrival date ${entry.arrivalDate} because none is recorded`,
    },
  };
}
