/** Minimal types for fontkit 2, which ships none, covering what the PDF export's font fallback uses. */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  /** Parses a TrueType or OpenType font. A collection (`.ttc`) needs `postscriptName`. */
  export function create(buffer: Buffer, postscriptName?: string): Font;
}
