const baseDelayMs = 2_000;
const maxDelayMs = 5 * 60_000;

/**
 * Returns the wait before retry number `failures` (1 for the first retry): exponential from
 * 2 s, capped at 5 minutes, with up to 20 % random jitter so that kiosks do not retry in step.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (1 + 0.2 * random()));
}
