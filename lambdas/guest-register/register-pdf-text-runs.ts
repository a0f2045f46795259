import type { Font } from 'fontkit';
import type { RegisterPdfFont } from './register-pdf-font';

/**
 * Loads fontkit with require, as pdfkit's CommonJS build does, so that the bundle contains one copy
 * of it (an import would resolve to its ES module build) and the worker starts without it.
 */
function loadFontkit(): typeof import('fontkit') {
  return require('fontkit') as typeof import('fontkit');
}

/** A stretch of text that one font draws. `font` is an index into the document's font list. */
export interface TextRun {
  readonly font: number;
  readonly text: string;
}

/**
 * Drawn in place of a character that no font has, such as an emoji: WHITE SQUARE (U+25A1), which
 * looks like the box of a missing glyph and which Noto Sans JP has.
 */
export const missingGlyphPlaceholder = '□';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/**
 * Variation selectors, ZWJ and similar code points, which change a glyph but need none of their
 * own. fontkit 2 applies a variation selector that the font maps and draws the others with no width.
 */
const ignorable = /^\p{Default_Ignorable_Code_Point}$/u;

/**
 * Splits text into runs by the font that has its glyphs. The first font (Noto Sans JP) draws every
 * value it covers whole. Otherwise the first font that covers the whole value draws it, so that a
 * Chinese or Korean name keeps one typeface. Failing that, each grapheme goes to the font of the
 * run before it if that font has all its visible code points, else to the first font that has
 * them. A grapheme that no font has (an emoji) becomes one placeholder. Fonts are parsed on first
 * use.
 */
export class TextRunSplitter {
  private readonly parsed: (Font | undefined)[] = [];

  constructor(private readonly fonts: readonly RegisterPdfFont[]) {
    if (fonts.length === 0) throw new Error('TextRunSplitter needs at least one font.');
  }

  /** Returns at least one run; an empty `text` gives one empty run of the first font. */
  split(text: string): TextRun[] {
    for (let index = 0; index < this.fonts.length; index += 1) {
      if (this.covers(index, text)) return [{ font: index, text }];
    }

    const runs: { font: number; text: string }[] = [];
    for (const { segment } of graphemes.segment(text)) {
      const last = runs.at(-1);
      // A space or digit between two Korean words stays in the Korean run, which saves a font switch.
      const font = last && this.covers(last.font, segment) ? last.font : this.fonts.findIndex((_, index) => this.covers(index, segment));
      const run = font === -1 ? { font: 0, text: missingGlyphPlaceholder } : { font, text: segment };
      if (last?.font === run.font) last.text += run.text;
      else runs.push(run);
    }
    return runs;
  }

  /** Checks whether font `index` has a glyph for every code point of `text` other than ignorable ones. */
  private covers(index: number, text: string): boolean {
    const font = this.font(index);
    for (const character of text) {
      if (!font.hasGlyphForCodePoint(character.codePointAt(0)!) && !ignorable.test(character)) return false;
    }
    return true;
  }

  /** Returns the font at `index`, parsed on first use. pdfkit also accepts it as a font source. */
  font(index: number): Font {
    let font = this.parsed[index];
    if (!font) {
      font = loadFontkit().create(this.fonts[index].read());
      this.parsed[index] = font;
    }
    return font;
  }
}
