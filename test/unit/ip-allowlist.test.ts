import { isAllowedSource, normaliseCidr } from '../../lambdas/organisation/ip-allowlist';

describe('normaliseCidr', () => {
  test.each([
    ['203.0.113.7/24', '203.0.113.0/24'],
    ['198.51.100.9', '198.51.100.9/32'],
    [' 2001:db8::1/32 ', '2001:db8::/32'],
    ['2001:db8::1', '2001:db8::1/128'],
  ])('%s becomes %s', (input, expected) => {
    expect(normaliseCidr(input)).toBe(expected);
  });

  test.each(['', 'office', '203.0.113.0/33', '300.1.1.1', '203.0.113.0/'])('rejects %p', (input) => {
    expect(normaliseCidr(input)).toBeUndefined();
  });
});

describe('isAllowedSource', () => {
  const allowlist = ['203.0.113.0/24', '2001:db8::/32'];

  test('empty list allows all', () => {
    expect(isAllowedSource('192.0.2.1', [])).toBe(true);
    expect(isAllowedSource(undefined, [])).toBe(true);
  });

  test('address inside allowed', () => {
    expect(isAllowedSource('203.0.113.200', allowlist)).toBe(true);
    expect(isAllowedSource('2001:db8:1::5', allowlist)).toBe(true);
  });

  test('IPv4-mapped IPv6 allowed', () => {
    expect(isAllowedSource('::ffff:203.0.113.9', allowlist)).toBe(true);
  });

  test('address outside rejected', () => {
    expect(isAllowedSource('203.0.114.1', allowlist)).toBe(false);
    expect(isAllowedSource('2001:db9::1', allowlist)).toBe(false);
  });

  test('missing or invalid source rejected', () => {
    expect(isAllowedSource(undefined, allowlist)).toBe(false);
    expect(isAllowedSource('not-an-ip', allowlist)).toBe(false);
  });
});
