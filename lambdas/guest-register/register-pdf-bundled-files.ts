/**
 * Files the PDF export reads at run time, which the route copies next to its bundled handler
 * (`bundledFiles` in lib/api/routes.ts) because a Lambda bundle has no node_modules. `source` is
 * relative to the repository root.
 */
export const registerPdfFont = {
  /** Noto Sans JP Regular, SIL Open Font License 1.1; pdfkit embeds only the glyphs a document uses. */
  font: { source: 'node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf', name: 'NotoSansJP-Regular.ttf' },
  licence: { source: 'node_modules/@expo-google-fonts/noto-sans-jp/LICENSE_FONT', name: 'NotoSansJP-LICENSE.txt' },
} as const;

/** The libjpeg-turbo WebAssembly module, which `@cwasm/jpeg-turbo` loads from its own folder. */
const jpegDecoder = { source: 'node_modules/@cwasm/jpeg-turbo/jpeg-turbo.wasm', name: 'jpeg-turbo.wasm' } as const;

export const registerPdfBundledFiles = [registerPdfFont.font, registerPdfFont.licence, jpegDecoder] as const;
