import type { RegisterEntrySummary } from './register-entry';
import { arrivalSortKeyFrom, arrivalSortKeyTo, type ArrivalSortedSummary, type RegisterRepository } from './register-repository';

/** Maximum facility queries in flight per page, so that a tenant with hundreds of facilities sends them in batches. */
const maxParallelQueries = 16;

export interface MergedPageInput {
  readonly tenantId: string;
  readonly facilityIds: readonly string[];
  /** Arrival dates, `YYYY-MM-DD`, both inclusive. */
  readonly from: string;
  readonly to: string;
  readonly limit: number;
  /** Index sort key of the last entry of the previous page; this page starts after it. */
  readonly after?: string;
  readonly matches: (entry: RegisterEntrySummary) => boolean;
}

export interface MergedPage {
  readonly entries: RegisterEntrySummary[];
  /** Sort key to pass as `after` for the next page; undefined on the last page. */
  readonly after?: string;
}

/** One facility's entries from the page's start on, read a DynamoDB page at a time. */
interface FacilityStream {
  readonly facilityId: string;
  buffer: ArrivalSortedSummary[];
  startKey?: Record<string, unknown>;
  exhausted: boolean;
}

/**
 * Lists the entries of several facilities in one arrival order, as one query per facility on
 * `byFacilityArrival` merged by index sort key (`<arrivalDate>#<consent time>#<entryId>`). Entry ids are unique
 * within a tenant, so the sort key orders all entries totally, and the sort key of a page's last
 * entry is a cursor that neither repeats nor skips an entry on the next page.
 * NOTE: each page queries every facility, so its read cost grows with the number of facilities.
 */
export async function listMergedSummaries(repository: RegisterRepository, input: MergedPageInput): Promise<MergedPage> {
  const fromSortKey = arrivalSortKeyFrom(input.from);
  // BETWEEN is inclusive, so the previous page's last entry is read again and dropped below.
  const lowerSortKey = input.after !== undefined && input.after > fromSortKey ? input.after : fromSortKey;
  const upperSortKey = arrivalSortKeyTo(input.to);

  const fill = async (stream: FacilityStream) => {
    while (stream.buffer.length === 0 && !stream.exhausted) {
      const page = await repository.readSummaryPage({
        tenantId: input.tenantId,
        facilityId: stream.facilityId,
        lowerSortKey,
        upperSortKey,
        limit: input.limit,
        startKey: stream.startKey,
      });
      stream.buffer = page.items.filter((item) => item.sortKey !== input.after);
      stream.startKey = page.lastKey;
      stream.exhausted = page.lastKey === undefined;
    }
  };

  const streams: FacilityStream[] = input.facilityIds.map((facilityId) => ({ facilityId, buffer: [], exhausted: false }));
  for (let start = 0; start < streams.length; start += maxParallelQueries) {
    await Promise.all(streams.slice(start, start + maxParallelQueries).map(fill));
  }

  // Every stream now has a buffered entry or is exhausted, so the smallest buffered head is the
  // next entry in arrival order across all facilities.
  const entries: RegisterEntrySummary[] = [];
  for (;;) {
    const next = streamWithSmallestHead(streams);
    if (!next) return { entries };
    const item = next.buffer.shift()!;
    if (input.matches(item.entry)) {
      entries.push(item.entry);
      if (entries.length === input.limit) {
        const more = streams.some((stream) => stream.buffer.length > 0 || !stream.exhausted);
        return { entries, after: more ? item.sortKey : undefined };
      }
    }
    if (next.buffer.length === 0) await fill(next);
  }
}

function streamWithSmallestHead(streams: readonly FacilityStream[]): FacilityStream | undefined {
  let smallest: FacilityStream | undefined;
  for (const stream of streams) {
    if (stream.buffer.length === 0) continue;
    if (!smallest || stream.buffer[0].sortKey < smallest.buffer[0].sortKey) smallest = stream;
  }
  return smallest;
}
