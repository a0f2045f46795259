import iconv from 'iconv-lite';
import { encodeCp932 } from '../../lambdas/reports/cp932-encoder';

describe('CP932 encoder', () => {
  test('matches iconv-lite on every BMP character', () => {
    const mismatches: string[] = [];
    for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCharCode(codePoint);
      const expected = iconv.encode(char, 'cp932');
      if (!encodeCp932(char).equals(expected)) mismatches.push(codePoint.toString(16));
    }

    expect(mismatches).toEqual([]);
  });

  test('encodes a report line byte for byte', () => {
    const line = '2026年度06月～07月,髙橋①ｱ¥,M130000001\r\n';

    expect(encodeCp932(line).equals(iconv.encode(line, 'cp932'))).toBe(true);
  });

  test('replaces characters CP932 lacks', () => {
    expect(encodeCp932('😀한').toString('latin1')).toBe('??');
  });
});
