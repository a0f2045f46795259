import type { Page } from 'playwright-core';

/** Time use of one side's GraphQL requests, from the page's Resource Timing entries. */
export interface RequestTiming {
  /** GraphQL requests the page sent during the side. */
  readonly requests: number;
  /** Milliseconds from the start of the side to the first GraphQL request. */
  readonly firstRequestMs: number;
  /** Median time from sending a request to the end of its response. */
  readonly medianRequestMs: number;
  /** Median time from the end of one response to the next request. */
  readonly medianGapMs: number;
}

/**
 * Starts recording the page's requests to `graphqlUrl` through Resource Timing. The browser
 * records them itself, so a drain pays nothing for it, unlike a Playwright request listener.
 * The returned function reads the entries and summarizes them.
 */
export async function recordRequestTiming(page: Page, graphqlUrl: string): Promise<() => Promise<RequestTiming>> {
  const startedAt = await page.evaluate(() => {
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(100_000);
    return performance.now();
  });
  return async () => {
    const entries = await page.evaluate(
      (url) =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name === url)
          .map((entry) => [entry.startTime, (entry as PerformanceResourceTiming).responseEnd] as const),
      graphqlUrl,
    );
    const sorted = [...entries].sort((a, b) => a[0] - b[0]);
    const gaps = sorted.slice(1).map(([start], index) => start - sorted[index][1]);
    return {
      requests: sorted.length,
      firstRequestMs: sorted.length > 0 ? round(sorted[0][0] - startedAt) : 0,
      medianRequestMs: round(median(sorted.map(([start, end]) => end - start))),
      medianGapMs: round(median(gaps)),
    };
  };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
