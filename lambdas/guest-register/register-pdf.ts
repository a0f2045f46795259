import { once } from 'node:events';
import { formatJapanDateTime } from '../reports/japan-time';
import { isLongStay, nightsOf } from '../reports/long-stay';
import { stayPeriodOfEntry } from '../reports/register-stays';
import type { PiiDisclosure } from './audit-log';
import type { OpenedGuest } from './guest-decryption';
import { jpegSize } from './print-image';
import type { RegisterEntry } from './register-entry';
import { checkOutCell } from './register-csv';
import type { RegisterPdfFont } from './register-pdf-font';
import { TextRunSplitter } from './register-pdf-text-runs';

/**
 * Loads pdfkit on the first PDF rather than at import, so that the export worker starts without
 * it and a CSV export never loads it. pdfkit's ES module build finds its data files through
 * import.meta.url, which a CommonJS Lambda bundle leaves empty, so this loads its CommonJS build
 * with require.
 */
function loadPdfKit(): typeof import('pdfkit') {
  return require('pdfkit') as typeof import('pdfkit');
}

/** Content of the title block on every page. */
export interface RegisterPdfHeading {
  readonly facilityName: string;
  /** 届出番号 or 許可番号 of the facility. */
  readonly licenceNumber: string;
  readonly from: string;
  readonly to: string;
  readonly printedAt: Date;
  readonly disclosure: PiiDisclosure;
}

/**
 * The passport copy printed beside a guest: the downscaled JPEG, `withheld` when the reader may
 * not see images, or `unreadable` when the stored image is missing or damaged.
 */
export type PassportCopy = { readonly jpeg: Buffer } | 'withheld' | 'unreadable';

export interface PrintedGuest {
  readonly guest: OpenedGuest;
  /** Absent for guests who need no passport copy (an address in Japan). */
  readonly passportCopy?: PassportCopy;
}

/** A4 portrait in points (1/72 inch). */
const page = { width: 595.28, height: 841.89, margin: 36 };
const contentWidth = page.width - 2 * page.margin;
/** Box the passport copy is fitted into, right of the guest's fields. */
const imageBox = { width: 170, height: 120 };
const labelWidth = 92;
const valueWidth = contentWidth - labelWidth - imageBox.width - 12;
const headerBottom = page.margin + 58;
const footerTop = page.height - page.margin + 8;
const fontSize = { title: 13, heading: 9.5, body: 8.5, small: 7 };
const missing = '—';

/** Bytes the document may buffer ahead of the upload before `drained` waits. */
const bufferedBytesLimit = 4 * 1024 * 1024;

/**
 * Lays out the 宿泊者名簿 as a printable A4 PDF with embedded fonts: a title block on
 * every page, then one block per stay with its guests' fields and passport copies. A stay moves
 * to the next page whole when its header and first guest do not fit, and a guest never splits
 * across pages. pdfkit writes each finished page to `stream` and keeps no earlier page, so
 * memory stays flat however many stays are added.
 */
export class RegisterPdf {
  private readonly document: PDFKit.PDFDocument;
  private readonly runs: TextRunSplitter;
  private pages = 0;

  /** `fonts` are in order of preference. Each text is drawn with the first font that has its glyphs. */
  constructor(
    private readonly heading: RegisterPdfHeading,
    fonts: readonly RegisterPdfFont[],
  ) {
    this.runs = new TextRunSplitter(fonts);
    const PDFDocument = loadPdfKit();
    this.document = new PDFDocument({
      size: 'A4',
      // pdfkit also takes a parsed fontkit font, so each font is parsed once for both uses.
      font: this.runs.font(0) as unknown as string,
      margins: { top: headerBottom, bottom: page.margin, left: page.margin, right: page.margin },
      autoFirstPage: false,
      info: { Title: `宿泊者名簿 ${heading.facilityName} ${heading.from}〜${heading.to}`, Creator: 'OPEN SESAME!' },
      lang: 'ja',
      // pdfkit caches the glyph layout of every word it sets; names and ids differ per stay, so the
      // cache would grow with the export.
      fontLayoutCache: false,
    });
    this.document.on('pageAdded', () => this.drawPageFrame());
    this.document.addPage();
  }

  /** The PDF bytes as pages are finished; pipe it into the upload. */
  get stream(): NodeJS.ReadableStream & PDFKit.PDFDocument {
    return this.document;
  }

  get pageCount(): number {
    return this.pages;
  }

  addEntry(entry: RegisterEntry, guests: readonly PrintedGuest[]): void {
    const heights = guests.map((printed) => this.guestHeight(printed));
    if (this.document.y + this.entryHeaderHeight(entry, false) + (heights[0] ?? 0) > this.bottom()) this.document.addPage();
    this.drawEntryHeader(entry, false);
    guests.forEach((printed, index) => {
      if (this.document.y + heights[index] > this.bottom()) {
        this.document.addPage();
        this.drawEntryHeader(entry, true);
      }
      this.drawGuest(printed, heights[index]);
    });
    this.document.y += 8;
  }

  /** Resolves once the bytes buffered ahead of the reader are under the limit again. */
  async drained(): Promise<void> {
    while (this.document.readableLength > bufferedBytesLimit) await once(this.document, 'data');
  }

  /** Finishes the document: adds an empty-register note when no stay was added, then ends the stream. */
  end(stayCount: number): void {
    if (stayCount === 0) {
      this.text('この期間の宿泊者はいません / No guests stayed in this period.', { size: fontSize.heading });
    }
    this.document.end();
  }

  destroy(error?: Error): void {
    this.document.destroy(error);
  }

  private bottom(): number {
    return page.height - page.margin;
  }

  private drawPageFrame(): void {
    this.pages += 1;
    const { heading } = this;
    const document = this.document;
    document.fontSize(fontSize.title);
    this.drawText('宿泊者名簿 Guest register', page.margin, page.margin, { width: contentWidth, lineBreak: false });
    document.fontSize(fontSize.body);
    this.drawText(`${heading.facilityName}（${heading.licenceNumber}）`, page.margin, page.margin + 18, { width: contentWidth, lineBreak: false });
    this.drawText(
      `到着日 ${heading.from} 〜 ${heading.to}　出力 ${formatJapanDateTime(heading.printedAt)}　日時は日本時間 (JST)${heading.disclosure === 'masked' ? '　個人情報は伏せ字です / personal data masked' : ''}`,
      page.margin,
      page.margin + 30,
      { width: contentWidth, lineBreak: false },
    );
    document
      .moveTo(page.margin, headerBottom - 8)
      .lineTo(page.width - page.margin, headerBottom - 8)
      .lineWidth(0.8)
      .stroke();

    // The footer sits in the bottom margin, and pdfkit starts a new page for text drawn there.
    // So the margin is set to 0 while the footer is drawn.
    const bottomMargin = document.page.margins.bottom;
    document.page.margins.bottom = 0;
    document.fontSize(fontSize.small).text(`${this.pages} ページ / page ${this.pages}`, page.margin, footerTop, {
      width: contentWidth,
      align: 'center',
      lineBreak: false,
    });
    document.page.margins.bottom = bottomMargin;
    document.x = page.margin;
    document.y = headerBottom;
  }

  /** Builds the two lines above a stay's guests: its dates and nights, then its number and times. */
  private entryHeaderLines(entry: RegisterEntry, continued: boolean): [string, string] {
    const stay = stayPeriodOfEntry(entry);
    const nights = nightsOf(entry.arrivalDate, entry.departureDate);
    const longStay = isLongStay(entry.arrivalDate, entry.departureDate) ? '　長期滞在（7泊以上） long stay' : '';
    return [
      `${entry.arrivalDate} 〜 ${entry.departureDate}（${nights}泊）${longStay}${continued ? '　（続き / continued）' : ''}`,
      `宿泊者名簿番号 ${entry.entryId}　チェックイン ${formatJapanDateTime(stay.checkInAt)}　チェックアウト ${checkOutCell(entry, stay.checkOutAt)}　登録 ${formatJapanDateTime(new Date(entry.createdAt))}`,
    ];
  }

  private entryHeaderHeight(entry: RegisterEntry, continued: boolean): number {
    const [dates, details] = this.entryHeaderLines(entry, continued);
    this.document.fontSize(fontSize.heading);
    const datesHeight = this.heightOfText(dates, contentWidth);
    this.document.fontSize(fontSize.small);
    const detailsHeight = this.heightOfText(details, contentWidth);
    return 3 + datesHeight + detailsHeight + 4;
  }

  private drawEntryHeader(entry: RegisterEntry, continued: boolean): void {
    const [dates, details] = this.entryHeaderLines(entry, continued);
    const top = this.document.y;
    const height = this.entryHeaderHeight(entry, continued);
    this.document
      .moveTo(page.margin, top)
      .lineTo(page.width - page.margin, top)
      .lineWidth(0.4)
      .stroke();
    this.text(dates, { size: fontSize.heading, y: top + 3 });
    this.text(details, { size: fontSize.small });
    this.document.y = top + height;
  }

  private guestFields(guest: OpenedGuest): [string, string][] {
    const fields: [string, string][] = [
      ['氏名 Name', guest.name],
      ['住所 Address', guest.address],
    ];
    if (guest.occupation !== undefined) fields.push(['職業 Occupation', guest.occupation]);
    if (guest.contact !== undefined) fields.push(['連絡先 Contact', guest.contact]);
    fields.push(['日本国内の住所 Address in Japan', guest.hasAddressInJapan ? 'あり yes' : 'なし no']);
    if (!guest.hasAddressInJapan) {
      fields.push(['国籍 Nationality', guest.nationality ?? missing]);
      fields.push(['旅券番号 Passport no.', guest.passportNumber ?? missing]);
    }
    return fields;
  }

  private fieldsHeight(guest: OpenedGuest): number {
    this.document.fontSize(fontSize.body);
    return this.guestFields(guest).reduce(
      (sum, [label, value]) =>
        sum + Math.max(this.heightOfText(label, labelWidth), this.heightOfText(value || missing, valueWidth)) + 2,
      0,
    );
  }

  private guestHeight(printed: PrintedGuest): number {
    const copyHeight = printed.passportCopy === undefined ? 0 : this.copySize(printed.passportCopy).height + 10;
    return Math.max(this.fieldsHeight(printed.guest), copyHeight) + 6;
  }

  /** Size of the passport copy fitted into the image box, or of its placeholder note. */
  private copySize(copy: PassportCopy): { width: number; height: number } {
    if (typeof copy === 'string') return { width: imageBox.width, height: 24 };
    const size = jpegSize(copy.jpeg);
    const scale = Math.min(imageBox.width / size.width, imageBox.height / size.height);
    return { width: size.width * scale, height: size.height * scale };
  }

  private drawGuest(printed: PrintedGuest, height: number): void {
    const document = this.document;
    const top = document.y;
    let y = top;
    document.fontSize(fontSize.body);
    for (const [label, value] of this.guestFields(printed.guest)) {
      const printedValue = value || missing;
      this.drawText(label, page.margin, y, { width: labelWidth });
      this.drawText(printedValue, page.margin + labelWidth, y, { width: valueWidth });
      y += Math.max(this.heightOfText(label, labelWidth), this.heightOfText(printedValue, valueWidth)) + 2;
    }

    const copy = printed.passportCopy;
    if (copy !== undefined) {
      const left = page.width - page.margin - imageBox.width;
      document.fontSize(fontSize.small).text('旅券の写し Passport copy', left, top, { width: imageBox.width, lineBreak: false });
      if (copy === 'withheld') {
        document.text('閲覧権限がないため表示しません / not shown: no permission to view PII', left, top + 10, { width: imageBox.width });
      } else if (copy === 'unreadable') {
        document.text('画像を読み込めません / image could not be read', left, top + 10, { width: imageBox.width });
      } else {
        const size = this.copySize(copy);
        document.image(copy.jpeg, left, top + 10, { width: size.width, height: size.height });
      }
    }
    document.x = page.margin;
    document.y = top + height;
  }

  private text(value: string, options: { size: number; y?: number }): void {
    this.document.fontSize(options.size);
    this.drawText(value, page.margin, options.y ?? this.document.y, { width: contentWidth });
  }

  /**
   * Draws `value` at (x, y) run by run, each run in the font that has its glyphs. pdfkit's
   * `continued` option joins the runs into one paragraph, which wraps as one `text` call would.
   */
  private drawText(value: string, x: number, y: number, options: PDFKit.Mixins.TextOptions): void {
    const runs = this.runs.split(value);
    runs.forEach((run, index) => {
      this.useFont(run.font);
      const runOptions = { ...options, continued: index < runs.length - 1 };
      if (index === 0) this.document.text(run.text, x, y, runOptions);
      else this.document.text(run.text, runOptions);
    });
    this.useFont(0);
  }

  /**
   * Measures `value` as `drawText` draws it in `width`. pdfkit keeps the line wrapper of a
   * `continued` call for the next call, so the heights of the runs add up to the paragraph's.
   */
  private heightOfText(value: string, width: number): number {
    const runs = this.runs.split(value);
    let height = 0;
    runs.forEach((run, index) => {
      this.useFont(run.font);
      height += this.document.heightOfString(run.text, { width, continued: index < runs.length - 1 });
    });
    this.useFont(0);
    return height;
  }

  /** Sets the current font. pdfkit caches each font under its PostScript name, so this parses nothing. */
  private useFont(index: number): void {
    const font = this.runs.font(index);
    this.document.font(font as unknown as string, font.postscriptName);
  }
}
