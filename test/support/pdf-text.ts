import { execFile } from 'node:child_process';
import path from 'node:path';

/** Extracts the text and page count of a PDF with pdf.js (through pdf-parse) in a child process. */
export function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(__dirname, 'pdf-text-cli.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf-text failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as { text: string; pages: number });
    });
    child.stdin!.end(bytes);
  });
}
