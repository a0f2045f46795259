import { unclosedQuoteLine } from '../../lambdas/facility/facility-csv';

describe('unclosedQuoteLine', () => {
  test('closed quotes give none', () => {
    expect(unclosedQuoteLine('名前,住所\r\n"架空荘, 1号館","架空県"\r\n')).toBeUndefined();
  });

  test('escaped quotes inside a field are no opening', () => {
    expect(unclosedQuoteLine('名前\r\n"架空 ""荘"" 1号館"\r\n')).toBeUndefined();
  });

  test('names the line the quote opens on', () => {
    expect(unclosedQuoteLine('名前\r\n架空荘\r\n架空荘2\r\n"架空荘3,住宅宿泊事業\r\n')).toBe(4);
  });

  test('quoted line break counts as a line', () => {
    expect(unclosedQuoteLine('名前\r\n"架空\r\n荘"\r\n"未完\r\n')).toBe(4);
  });
});
