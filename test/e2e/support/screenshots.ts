import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const outputDir = path.join(__dirname, '..', '..', 'output', 'e2e');
const docsImageDir = path.join(__dirname, '..', '..', '..', 'docs', 'images');

/**
 * Saves a screenshot under test/output/e2e. With `docsName` and `OS_DOC_SCREENSHOTS=1` it also
 * refreshes docs/images/<docsName>.png, the copy the iPad setup guides show.
 */
export async function saveScreenshot(page: Page, name: string, docsName?: string): Promise<void> {
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, `${name}.png`);
  await page.screenshot({ path: file });
  if (docsName && process.env.OS_DOC_SCREENSHOTS === '1') {
    mkdirSync(docsImageDir, { recursive: true });
    copyFileSync(file, path.join(docsImageDir, `${docsName}.png`));
  }
}
