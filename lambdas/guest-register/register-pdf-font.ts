import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { registerPdfFont } from './register-pdf-bundled-files';

const fontPackage = '@expo-google-fonts/noto-sans-jp';
let loadedFont: Buffer | undefined;

/**
 * Reads the Japanese font (Noto Sans JP, from the npm package `@expo-google-fonts/noto-sans-jp`)
 * once per container: next to the bundle in Lambda and in the local runner, from the installed
 * package when the source runs unbundled (tests, bench).
 */
export function loadRegisterPdfFont(): Buffer {
  if (!loadedFont) {
    const bundled = path.join(__dirname, registerPdfFont.font.name);
    const installed = () =>
      path.join(path.dirname(require.resolve(`${fontPackage}/package.json`)), registerPdfFont.font.source.slice(`node_modules/${fontPackage}/`.length));
    loadedFont = readFileSync(existsSync(bundled) ? bundled : installed());
  }
  return loadedFont;
}
