import type { RegisterEntry } from '../guest-register/register-entry';
import type { JapanDate } from '../reports/japan-time';
import type { StayEntry } from '../reports/register-stays';
import { isEntryTouching, toStayEntry, type StaySource } from '../reports/register-stay-source';

interface StoredStay {
  readonly tenantId: string;
  readonly facilityId: string;
  readonly entry: StayEntry;
}

/**
 * The register as the 180-day count of one ingest batch reads it. Each range of a facility is
 * read from the register once per batch, and the entries that the batch stores are added to
 * every range they touch. Each check-in of a batch then counts with all earlier ones of the
 * batch, without a query per check-in that reads every entry of the facility's year.
 * An entry the batch stored is counted even when the register's index does not show it yet.
 * NOTE: entries that another invocation stores after a range was read are missing from this
 * batch's later counts. A query per check-in would narrow that gap between concurrent
 * invocations, but not close it.
 */
export class BatchStaySource implements Pick<StaySource, 'staysTouching'> {
  private readonly ranges = new Map<string, Promise<StayEntry[]>>();
  private readonly stored: StoredStay[] = [];

  constructor(private readonly register: Pick<StaySource, 'staysTouching'>) {}

  /** Adds an entry that this batch stored, so that every range it touches contains it. */
  addStoredEntry(entry: RegisterEntry): void {
    this.stored.push({ tenantId: entry.tenantId, facilityId: entry.facilityId, entry: toStayEntry({ ...entry }) });
  }

  async staysTouching(tenantId: string, facilityId: string, firstDay: JapanDate, lastDay: JapanDate): Promise<StayEntry[]> {
    const key = JSON.stringify([tenantId, facilityId, firstDay, lastDay]);
    let read = this.ranges.get(key);
    if (!read) {
      read = this.register.staysTouching(tenantId, facilityId, firstDay, lastDay);
      this.ranges.set(key, read);
      // A failed read is not kept, so that the next check-in of the batch reads again.
      read.catch(() => this.ranges.delete(key));
    }
    const entries = await read;

    const readIds = new Set(entries.map((entry) => entry.entryId));
    const added = this.stored
      .filter((stay) => stay.tenantId === tenantId && stay.facilityId === facilityId)
      .map((stay) => stay.entry)
      .filter((entry) => !readIds.has(entry.entryId) && isEntryTouching(entry, firstDay, lastDay));
    return [...entries, ...added];
  }
}
