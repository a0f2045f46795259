/**
 * Stand-in for `brotli/decompress.js` in the export worker's bundle. fontkit needs Brotli only to
 * open WOFF2 fonts, and the PDF export embeds a TrueType font (Noto Sans JP). The stand-in keeps
 * the 454 KB Brotli dictionary out of the bundle and throws if a WOFF2 font is ever opened.
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not supported in this bundle: embed a TrueType or OpenType font instead.');
}
