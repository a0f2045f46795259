/**
 * Files the PDF export reads at run time, which the route copies next to its bundled handler
 * (`bundledFiles` in lib/api/routes.ts) because a Lambda bundle has no node_modules. `source` is
 * relative to the repository root.
 */
export interface BundledFontFiles {
  /** Regular weight (400) under the SIL Open Font License 1.1. pdfkit embeds only the glyphs a document uses. */
  readonly font: { readonly source: string; readonly name: string };
  /** The font's licence, which the OFL requires to travel with the font. */
  readonly licence: { readonly source: string; readonly name: string };
}

function notoSans(region: 'JP' | 'SC' | 'KR'): BundledFontFiles {
  const folder = `node_modules/@expo-google-fonts/noto-sans-${region.toLowerCase()}`;
  return {
    font: { source: `${folder}/400Regular/NotoSans${region}_400Regular.ttf`, name: `NotoSans${region}-Regular.ttf` },
    licence: { source: `${folder}/LICENSE_FONT`, name: `NotoSans${region}-LICENSE.txt` },
  };
}

/**
 * Fonts of the PDF export in order of preference. Noto Sans JP sets everything it has glyphs for.
 * Noto Sans SC adds the Simplified Chinese characters that it lacks (张 陈 杨 赵 and more), and
 * Noto Sans KR adds Hangul, which neither of the other two has.
 */
export const registerPdfFontFiles: readonly BundledFontFiles[] = [notoSans('JP'), notoSans('SC'), notoSans('KR')];

/** The libjpeg-turbo WebAssembly module, which `@cwasm/jpeg-turbo` loads from its own folder. */
const jpegDecoder = { source: 'node_modules/@cwasm/jpeg-turbo/jpeg-turbo.wasm', name: 'jpeg-turbo.wasm' } as const;

export const registerPdfBundledFiles = [...registerPdfFontFiles.flatMap((files) => [files.font, files.licence]), jpegDecoder] as const;
