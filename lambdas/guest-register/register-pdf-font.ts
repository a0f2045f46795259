import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { registerPdfFontFiles, type BundledFontFiles } from './register-pdf-bundled-files';

/** A TrueType font of the PDF export, read from disk on first use. */
export interface RegisterPdfFont {
  /** File name, which also names the font inside the PDF document. */
  readonly name: string;
  read(): Buffer;
}

const loadedFonts = new Map<string, Buffer>();

/** Resolves `node_modules/@scope/name/file` of a scoped package through Node.js module resolution. */
function installedPath(source: string): string {
  const [, scope, name, ...file] = source.split('/');
  const packageFolder = path.dirname(require.resolve(`${scope}/${name}/package.json`));
  return path.join(packageFolder, ...file);
}

/**
 * Reads one font once per container: next to the bundle in Lambda and in the local runner, from
 * the installed npm package when the source runs unbundled (tests, bench).
 */
function readFont(files: BundledFontFiles): Buffer {
  let font = loadedFonts.get(files.font.name);
  if (!font) {
    const bundled = path.join(__dirname, files.font.name);
    font = readFileSync(existsSync(bundled) ? bundled : installedPath(files.font.source));
    loadedFonts.set(files.font.name, font);
  }
  return font;
}

/**
 * The fonts of the PDF export in order of preference (Noto Sans JP, SC, KR). A document reads a
 * fallback font only when a value needs it, so a register without Chinese or Korean text never
 * reads their 17 MB.
 */
export const registerPdfFonts: readonly RegisterPdfFont[] = registerPdfFontFiles.map((files) => ({
  name: files.font.name,
  read: () => readFont(files),
}));
