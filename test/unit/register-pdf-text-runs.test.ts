import { registerPdfFonts } from '../../lambdas/guest-register/register-pdf-font';
import { missingGlyphPlaceholder, TextRunSplitter } from '../../lambdas/guest-register/register-pdf-text-runs';

/** Indexes into `registerPdfFonts`. */
const japanese = 0;
const simplifiedChinese = 1;
const korean = 2;

describe('TextRunSplitter', () => {
  const splitter = new TextRunSplitter(registerPdfFonts);

  test('fonts in order JP, SC, KR', () => {
    expect(registerPdfFonts.map((font) => font.name)).toEqual(['NotoSansJP-Regular.ttf', 'NotoSansSC-Regular.ttf', 'NotoSansKR-Regular.ttf']);
  });

  test.each([
    ['Japanese', '架空 印刷子 図書館司書', japanese],
    ['Latin', 'Fictus Printson, 12 Imaginary Lane', japanese],
    ['Traditional Chinese in Noto Sans JP', '張劉陳楊黃趙吳鄭謝韓馮鄧蕭', japanese],
    ['Simplified Chinese', '张刘陈杨 虚构市 教师', simplifiedChinese],
    ['rare Traditional Chinese', '陳緁瑜', simplifiedChinese],
    ['Korean with digits', '가상시 인쇄구 시험로 12', korean],
    ['masked Korean name', '김●●', korean],
  ])('%s is one run', (_, text, font) => {
    expect(splitter.split(text)).toEqual([{ font, text }]);
  });

  test('Korean and Chinese mixed split', () => {
    expect(splitter.split('김가상 张伟')).toEqual([
      { font: korean, text: '김가상 ' },
      { font: simplifiedChinese, text: '张伟' },
    ]);
  });

  test('Japanese with Hangul splits', () => {
    expect(splitter.split('架空荘 김가상')).toEqual([
      { font: japanese, text: '架空荘 ' },
      { font: korean, text: '김가상' },
    ]);
  });

  test.each([
    ['face', '😀'],
    ['flag', '🇰🇷'],
    ['skin tone', '👍🏽'],
    ['family sequence', '👨‍👩‍👧'],
  ])('emoji %s is one placeholder', (_, emoji) => {
    expect(splitter.split(`架空 ${emoji} 印刷`)).toEqual([{ font: japanese, text: `架空 ${missingGlyphPlaceholder} 印刷` }]);
  });

  test('variation selector stays', () => {
    // 葛 with an ideographic variation selector: fontkit picks the variant or falls back to 葛.
    expect(splitter.split('葛\u{E0100}城')).toEqual([{ font: japanese, text: '葛\u{E0100}城' }]);
  });

  test('empty text is one empty run', () => {
    expect(splitter.split('')).toEqual([{ font: japanese, text: '' }]);
  });

  test('fallback fonts read on first need', () => {
    const reads: string[] = [];
    const counting = new TextRunSplitter(registerPdfFonts.map((font) => ({ name: font.name, read: () => (reads.push(font.name), font.read()) })));

    counting.split('架空 印刷子');
    expect(reads).toEqual(['NotoSansJP-Regular.ttf']);

    counting.split('김가상');
    counting.split('이가상');
    expect(reads).toEqual(['NotoSansJP-Regular.ttf', 'NotoSansSC-Regular.ttf', 'NotoSansKR-Regular.ttf']);
  });

  test('no fonts rejected', () => {
    expect(() => new TextRunSplitter([])).toThrow('TextRunSplitter needs at least one font.');
  });
});
