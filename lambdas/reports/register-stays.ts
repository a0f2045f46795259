import type { RegisterEntry } from '../guest-register/register-entry';
import { japanInstant } from './japan-time';
import type { CountedStay } from './periodic-report-figures';

/** Check-out time assumed when nobody recorded the real one; before noon, so it adds no lodging day. */
export const defaultCheckOutTime = '10:00';
/** Check-in time assumed when the kiosk's time cannot be the real one. */
export const defaultCheckInTime = '15:00';

/** The fields of a register entry that the counting reads; nothing here is PII. */
export type CountableEntry = Pick<RegisterEntry, 'entryId' | 'arrivalDate' | 'departureDate' | 'consent'> & {
  readonly guests: readonly Pick<RegisterEntry['guests'][number], 'guestId' | 'hasAddressInJapan' | 'nationality'>[];
  /** Set when an operator recorded or corrected the real check-in or check-out (ISO 8601). */
  readonly checkedInAt?: string;
  readonly checkedOutAt?: string;
};

/**
 * The presence of a register entry's stay. Check-in is the recorded time, else the moment the
 * guests accepted the house rules at the kiosk, which is the check-in itself; if that moment lies
 * outside the booked dates (a kiosk clock gone wrong, or an entry keyed in later), 15:00 on the
 * arrival date. Check-out is the recorded time, else 10:00 on the departure date.
 */
export function stayPeriodOfEntry(entry: CountableEntry): { checkInAt: Date; checkOutAt: Date } {
  const checkOutAt = entry.checkedOutAt
    ? new Date(entry.checkedOutAt)
    : japanInstant(entry.departureDate, defaultCheckOutTime);
  const earliest = japanInstant(entry.arrivalDate, '00:00');
  const latest = japanInstant(entry.departureDate, '00:00');
  let checkInAt: Date;
  if (entry.checkedInAt) {
    checkInAt = new Date(entry.checkedInAt);
  } else {
    const accepted = new Date(entry.consent.acceptedAt);
    const plausible = accepted >= earliest && accepted < latest && accepted < checkOutAt;
    checkInAt = plausible ? accepted : japanInstant(entry.arrivalDate, defaultCheckInTime);
  }
  return { checkInAt, checkOutAt };
}

/**
 * A register entry as the counting sees it. Each guest is one person of this stay only.
 * NOTE: the same person checking in again for a back-to-back stay gets a new guest id, so such
 * stays count as two guests until guests carry an identity that links their stays.
 */
export function countedStayOfEntry(entry: CountableEntry): CountedStay {
  return {
    ...stayPeriodOfEntry(entry),
    guests: entry.guests.map((guest) => ({
      personKey: `${entry.entryId}/${guest.guestId}`,
      hasAddressInJapan: guest.hasAddressInJapan,
      nationality: guest.nationality,
    })),
  };
}
