import { listMergedSummaries } from '../../lambdas/guest-register/merged-register-page';
import type { RegisterEntrySummary } from '../../lambdas/guest-register/register-entry';
import type { RegisterRepository } from '../../lambdas/guest-register/register-repository';

/** Builds a stay with no guest data, enough for ordering: facility, arrival date and entry id. */
function summary(facilityId: string, arrivalDate: string, entryId: string, nationality?: string): RegisterEntrySummary {
  return { facilityId, arrivalDate, entryId, guests: nationality ? [{ nationality }] : [] } as unknown as RegisterEntrySummary;
}

/**
 * Builds an in-memory `byFacilityArrival` that returns at most `dynamoPageSize` items per read, as
 * DynamoDB stops at `Limit`, and records the sort key bounds of each read.
 */
function fakeRepository(entries: readonly RegisterEntrySummary[], dynamoPageSize: number) {
  const reads: { facilityId: string; lowerSortKey: string; upperSortKey: string }[] = [];
  const repository = {
    async readSummaryPage(input: { facilityId: string; lowerSortKey: string; upperSortKey: string; limit: number; startKey?: Record<string, unknown> }) {
      reads.push({ facilityId: input.facilityId, lowerSortKey: input.lowerSortKey, upperSortKey: input.upperSortKey });
      const matching = entries
        .filter((entry) => entry.facilityId === input.facilityId)
        .map((entry) => ({ sortKey: `${entry.arrivalDate}#${entry.entryId}`, entry }))
        .filter((item) => item.sortKey >= input.lowerSortKey && item.sortKey <= input.upperSortKey)
        .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
      const offset = (input.startKey?.offset as number | undefined) ?? 0;
      const size = Math.min(dynamoPageSize, input.limit);
      const items = matching.slice(offset, offset + size);
      const more = offset + size < matching.length;
      return { items, lastKey: more ? { offset: offset + size } : undefined };
    },
  };
  return { repository: repository as unknown as RegisterRepository, reads };
}

const entries = [
  summary('east', '2026-09-01', 'e1', 'US'),
  summary('west', '2026-09-01', 'e0'),
  summary('east', '2026-09-02', 'e2'),
  summary('west', '2026-09-03', 'e3', 'US'),
  summary('west', '2026-09-04', 'e4'),
  summary('north', '2026-09-05', 'e5', 'US'),
];
const allIds = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'];
const base = { tenantId: 'tenant-unit', facilityIds: ['east', 'west', 'north'], from: '2026-09-01', to: '2026-09-30', matches: () => true };

/** Follows `after` to the last page and returns each page's entry ids. */
async function pagesOf(repository: RegisterRepository, input: Omit<Parameters<typeof listMergedSummaries>[1], 'after'>): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const page = await listMergedSummaries(repository, { ...input, after });
    pages.push(page.entries.map((entry) => entry.entryId));
    after = page.after;
    // A cursor that does not move would page forever.
    if (pages.length > entries.length + 1) throw new Error(`Still paging after ${pages.length} pages.`);
  } while (after !== undefined);
  return pages;
}

describe('merged register page', () => {
  test.each([1, 2, 4, 6, 10])('pages of %i in arrival order', async (limit) => {
    const { repository } = fakeRepository(entries, 1);

    const pages = await pagesOf(repository, { ...base, limit });

    expect(pages.flat()).toEqual(allIds);
    expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
  });

  test('filter skips across DynamoDB pages', async () => {
    const { repository } = fakeRepository(entries, 1);

    const pages = await pagesOf(repository, { ...base, limit: 2, matches: (entry) => entry.guests.some((guest) => guest.nationality === 'US') });

    expect(pages.flat()).toEqual(['e1', 'e3', 'e5']);
    expect(pages[0]).toEqual(['e1', 'e3']);
  });

  test('only listed facilities are read', async () => {
    const { repository, reads } = fakeRepository(entries, 10);

    const page = await listMergedSummaries(repository, { ...base, facilityIds: ['west'], limit: 10 });

    expect(page.entries.map((entry) => entry.entryId)).toEqual(['e0', 'e3', 'e4']);
    expect(new Set(reads.map((read) => read.facilityId))).toEqual(new Set(['west']));
  });

  test('cursor before from is clamped', async () => {
    const { repository, reads } = fakeRepository(entries, 10);

    const page = await listMergedSummaries(repository, { ...base, from: '2026-09-03', limit: 10, after: '2026-08-01#x' });

    expect(page.entries.map((entry) => entry.entryId)).toEqual(['e3', 'e4', 'e5']);
    expect(reads.every((read) => read.lowerSortKey === '2026-09-03#')).toBe(true);
  });

  test('no facilities gives empty page', async () => {
    const { repository, reads } = fakeRepository(entries, 10);

    const page = await listMergedSummaries(repository, { ...base, facilityIds: [], limit: 10 });

    expect(page).toEqual({ entries: [] });
    expect(reads).toEqual([]);
  });

  test('reads run 16 facilities at a time', async () => {
    const facilityIds = Array.from({ length: 40 }, (_, index) => `facility-${index}`);
    let inFlight = 0;
    let maxInFlight = 0;
    const repository = {
      async readSummaryPage() {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return { items: [] };
      },
    } as unknown as RegisterRepository;

    await listMergedSummaries(repository, { ...base, facilityIds, limit: 10 });

    expect(maxInFlight).toBe(16);
  });
});
