import type { RegisterEntry } from '../guest-register/register-entry';
import { japanInstant } from './japan-time';
import type { CountedStay } from './periodic-report-figures';

/** Check-out time assumed when nobody recorded the real one; before noon, so it adds no lodging day. */
export const defaultCheckOutTime = '10:00';
/** Check-in time assumed when the kiosk's time cannot be the real one. */
export const defaultCheckInTime = '15:00';

/** The fields of a register entry that the day count reads: the stay without its guests. */
export type StayEntry = Pick<RegisterEntry, 'entryId' | 'arrivalDate' | 'departureDate' | 'consent'> & {
  /** Set when an operator recorded or corrected the real check-in or check-out (ISO 8601). */
  readonly checkedInAt?: string;
  readonly checkedOutAt?: string;
  /** Last confirmation that no unverified person stays, for long stays (ISO 8601). */
  readonly lastLongStayConfirmedAt?: string;
};

/** The fields of a register entry that the counting reads; nothing here is PII. */
export type CountableEntry = StayEntry & {
  readonly guests: readonly Pick<RegisterEntry['guests'][number], 'guestId' | 'hasAddressInJapan' | 'nationality' | 'personKey'>[];
};

/**
 * The presence of a register entry's stay. Check-in is the recorded time, else the moment the
 * guests accepted the house rules at the kiosk, which is the check-in itself; if that moment lies
 * outside the booked dates (a kiosk clock gone wrong, or an entry keyed in later), 15:00 on the
 * arrival date. Check-out is the recorded time, else 10:00 on the departure date.
 */
export function stayPeriodOfEntry(entry: StayEntry): { checkInAt: Date; checkOutAt: Date } {
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
 * A register entry as the counting sees it. A guest's person key, stored at ingest, recognises
 * the same person in a back-to-back stay, so that the consecutive nights count one guest. A
 * guest without one (an entry stored before person keys existed) is a person of this stay only.
 * Two guests of one stay with the same key (one person entered twice) stay two guests: a stay's
 * head count is what the guests declared.
 */
export function countedStayOfEntry(entry: CountableEntry): CountedStay {
  const seen = new Set<string>();
  return {
    ...stayPeriodOfEntry(entry),
    guests: entry.guests.map((guest) => ({
      personKey: personKeyInStay(entry.entryId, guest, seen),
      hasAddressInJapan: guest.hasAddressInJapan,
      nationality: guest.nationality,
    })),
  };
}

function personKeyInStay(entryId: string, guest: CountableEntry['guests'][number], seen: Set<string>): string {
  const ownKey = `stay:${entryId}/${guest.guestId}`;
  if (guest.personKey === undefined || seen.has(guest.personKey)) return ownKey;
  seen.add(guest.personKey);
  return `person:${guest.personKey}`;
}
