import { maskFully, maskName, maskPassportNumber } from '../../lambdas/guest-pii/pii-masking';

describe('PII masking', () => {
  test.each([
    ['山田 太郎', '山田 ●●'],
    ['Testa Nominata', 'Testa ●●'],
    ['Anna Maria Probe', 'Anna ●● ●●'],
    ['山田太郎', '山●●'],
    ['  架空　花子 ', '架空 ●●'],
  ])('name %s masks to %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  test('empty name masks fully', () => {
    expect(maskName('   ')).toBe('●●');
  });

  test('passport keeps last four', () => {
    expect(maskPassportNumber('TN1234567')).toBe('●●●●4567');
  });

  test('full mask reveals nothing', () => {
    expect(maskFully()).toBe('●●●●');
  });
});
