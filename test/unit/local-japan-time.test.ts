import { formatJapanTime } from '../../local/japan-time';

describe('formatJapanTime', () => {
  test('shows UTC instant in JST', () => {
    expect(formatJapanTime(new Date('2026-12-05T06:37:12Z'))).toBe('15:37');
  });

  test('crosses midnight into next day', () => {
    expect(formatJapanTime(new Date('2026-12-05T15:05:00Z'))).toBe('00:05');
  });
});
