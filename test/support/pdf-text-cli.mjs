// Prints the text and page count of the PDF read from standard input as one JSON line. Tests run
// it as a child process because pdf.js loads its worker with a dynamic import, which jest's
// module sandbox does not allow.
import { PDFParse } from 'pdf-parse';
import { buffer } from 'node:stream/consumers';

const parser = new PDFParse({ data: new Uint8Array(await buffer(process.stdin)) });
const result = await parser.getText();
await parser.destroy();
process.stdout.write(`${JSON.stringify({ text: result.text, pages: result.total })}\n`);
