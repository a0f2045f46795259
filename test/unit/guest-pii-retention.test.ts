import { dataKeyExpiry, keyPeriodOf } from '../../lambdas/guest-pii/tenant-data-keys';
import { retentionExpiry } from '../../lambdas/guest-register/register-entry';

const epochSeconds = (iso: string) => Date.parse(iso) / 1000;

describe('register retention', () => {
  test('entry expires 3 years later', () => {
    expect(retentionExpiry(new Date('2026-05-10T06:30:00Z'))).toBe(epochSeconds('2029-05-10T06:30:00Z'));
  });

  test('leap day expires on March 1', () => {
    expect(retentionExpiry(new Date('2028-02-29T12:00:00Z'))).toBe(epochSeconds('2031-03-01T12:00:00Z'));
  });

  test('data key outlives its month', () => {
    expect(dataKeyExpiry('2026-05')).toBe(epochSeconds('2029-06-01T00:00:00Z'));
    expect(dataKeyExpiry('2026-12')).toBe(epochSeconds('2030-01-01T00:00:00Z'));
  });

  test('data key outlives last entry', () => {
    const lastMoment = new Date('2026-05-31T23:59:59Z');

    expect(dataKeyExpiry(keyPeriodOf(lastMoment))).toBeGreaterThanOrEqual(retentionExpiry(lastMoment));
  });
});
