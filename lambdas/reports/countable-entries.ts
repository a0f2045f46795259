import { stayPeriodOfEntry, type StayEntry } from './register-stays';

/** Register entries split into those the counting can use and the ids of those it cannot. */
export interface CountableSplit<Entry extends StayEntry> {
  readonly countable: Entry[];
  readonly uncountedEntryIds: string[];
}

/**
 * Splits entries by whether their stay has a valid check-in and a later check-out. An entry
 * stored before corrections checked the stay times, or written by another channel, may have a
 * check-out before its check-in. Counting it would throw, so it is left out and listed for the
 * operator to correct instead of failing every report of the tenant.
 */
export function splitCountableEntries<Entry extends StayEntry>(entries: readonly Entry[]): CountableSplit<Entry> {
  const countable: Entry[] = [];
  const uncountedEntryIds: string[] = [];
  for (const entry of entries) {
    const { checkInAt, checkOutAt } = stayPeriodOfEntry(entry);
    const valid = Number.isFinite(checkInAt.getTime()) && Number.isFinite(checkOutAt.getTime()) && checkOutAt > checkInAt;
    if (valid) countable.push(entry);
    else uncountedEntryIds.push(entry.entryId);
  }
  return { countable, uncountedEntryIds };
}
