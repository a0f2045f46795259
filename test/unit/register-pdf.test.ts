import { maskName } from '../../lambdas/guest-pii/pii-masking';
import type { OpenedGuest } from '../../lambdas/guest-register/guest-decryption';
import { downscaleForPrint } from '../../lambdas/guest-register/print-image';
import type { RegisterEntry } from '../../lambdas/guest-register/register-entry';
import { RegisterPdf, type PassportCopy, type PrintedGuest, type RegisterPdfHeading } from '../../lambdas/guest-register/register-pdf';
import { registerPdfFonts, type RegisterPdfFont } from '../../lambdas/guest-register/register-pdf-font';
import { inventedPassportJpeg } from '../support/invented-passport-photo';
import { pdfText } from '../support/pdf-text';

/** Invented guests: no real person has these names, addresses or passport numbers. */
const resident: OpenedGuest = {
  guestId: 'g1',
  name: '架空 印刷子',
  address: '架空県架空市印刷町7-8-9 架空荘202',
  occupation: '図書館司書',
  hasAddressInJapan: true,
};
const visitor: OpenedGuest = {
  guestId: 'g2',
  name: 'Fictus Printson',
  address: '12 Imaginary Lane, Nowhere',
  occupation: 'Cartographer',
  hasAddressInJapan: false,
  nationality: 'CA',
  passportNumber: 'ZZ0000042',
  passportImageId: 'image-print',
};

/**
 * Invented guests from Korea, mainland China and Taiwan, as the kiosk records them in ko, zh-Hans
 * and zh-Hant. Noto Sans JP has none of the Hangul, nor 张 and 缁 of the Simplified Chinese name,
 * nor 緁 of the Traditional Chinese name.
 */
const koreanGuest: OpenedGuest = {
  guestId: 'g3',
  name: '김가상',
  address: '가상시 인쇄구 시험로 12',
  occupation: '학생',
  hasAddressInJapan: false,
  nationality: 'KR',
  passportNumber: 'ZZ0000043',
};
const simplifiedChineseGuest: OpenedGuest = {
  guestId: 'g4',
  name: '张缁构',
  address: '虚构省虚构市印刷路 8 号',
  occupation: '教师',
  hasAddressInJapan: false,
  nationality: 'CN',
  passportNumber: 'ZZ0000044',
};
const traditionalChineseGuest: OpenedGuest = {
  guestId: 'g5',
  name: '陳緁瑜',
  address: '虛構市印刷路 9 號',
  occupation: '工程師',
  hasAddressInJapan: false,
  nationality: 'TW',
  passportNumber: 'ZZ0000045',
};

const heading: RegisterPdfHeading = {
  facilityName: '架空の宿 さくら',
  licenceNumber: 'M130000099',
  from: '2026-01-01',
  to: '2026-12-31',
  printedAt: new Date('2026-12-05T00:00:00Z'),
  disclosure: 'full',
};

function entry(index: number, nights = 1): RegisterEntry {
  const arrivalDate = new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10);
  const departureDate = new Date(Date.UTC(2026, 0, 1 + index + nights)).toISOString().slice(0, 10);
  return {
    tenantId: 'tenant-print',
    entryId: `entry-${String(index).padStart(4, '0')}`,
    facilityId: 'facility-print',
    checkInId: `check-in-${index}`,
    deviceId: 'device-print',
    arrivalDate,
    departureDate,
    language: 'ja',
    consent: { acceptedAt: `${arrivalDate}T16:00:00+09:00`, language: 'ja' },
    guestCount: 2,
    keyPeriod: '2026-01',
    guests: [],
    createdAt: `${arrivalDate}T07:00:00.000Z`,
    expiresAt: 0,
  };
}

/**
 * Lays out `entries` stays of the two invented guests, or of `guests`, and returns the PDF's text,
 * pages and bytes.
 */
async function render(
  entries: number,
  options: { heading?: RegisterPdfHeading; copy?: PassportCopy; nights?: number; guests?: PrintedGuest[]; fonts?: readonly RegisterPdfFont[] } = {},
) {
  const pdf = new RegisterPdf(options.heading ?? heading, options.fonts ?? registerPdfFonts);
  const chunks: Buffer[] = [];
  pdf.stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => pdf.stream.on('end', resolve));
  const guests: PrintedGuest[] = options.guests ?? [{ guest: resident }, { guest: visitor, passportCopy: options.copy ?? 'withheld' }];
  for (let index = 0; index < entries; index += 1) {
    pdf.addEntry(entry(index, options.nights), guests);
    await pdf.drained();
  }
  pdf.end(entries);
  await ended;
  const bytes = Buffer.concat(chunks);
  const { text, pages } = await pdfText(bytes);
  return { text, pages, pageCount: pdf.pageCount, bytes };
}

jest.setTimeout(30_000);

describe('RegisterPdf', () => {
  let photo: Buffer;
  /** Forty stays, enough for several pages. */
  let manyStays: Awaited<ReturnType<typeof render>>;

  beforeAll(async () => {
    photo = downscaleForPrint(inventedPassportJpeg(800, 600), 320);
    manyStays = await render(40);
  });

  test('Japanese text is embedded', async () => {
    const { text } = await render(1);

    expect(text).toContain('宿泊者名簿');
    expect(text).toContain(resident.name);
    expect(text).toContain(resident.address);
    expect(text).toContain('架空の宿 さくら');
    expect(text).toContain(visitor.passportNumber);
  });

  test('Korean and Chinese text is embedded', async () => {
    const guests = [koreanGuest, simplifiedChineseGuest, traditionalChineseGuest].map((guest) => ({ guest }));
    const { text } = await render(1, { guests });

    expect(text).toContain(koreanGuest.name);
    expect(text).toContain(koreanGuest.address);
    expect(text).toContain(koreanGuest.occupation);
    expect(text).toContain(simplifiedChineseGuest.name);
    expect(text).toContain(simplifiedChineseGuest.address);
    expect(text).toContain(traditionalChineseGuest.name);
    expect(text).toContain(traditionalChineseGuest.occupation);
  });

  test('masked Korean name is printed', async () => {
    const masked = maskName(koreanGuest.name);
    const { text } = await render(1, { heading: { ...heading, disclosure: 'masked' }, guests: [{ guest: { ...koreanGuest, name: masked } }] });

    expect(masked).toBe('김●●');
    expect(text).toContain(masked);
  });

  test('fallback fonts embedded only when used', async () => {
    const reads: string[] = [];
    const countingFonts = registerPdfFonts.map((font) => ({ name: font.name, read: () => (reads.push(font.name), font.read()) }));
    const japanese = (await render(1, { fonts: countingFonts })).bytes.toString('latin1');

    expect(reads.filter((name) => name !== 'NotoSansJP-Regular.ttf')).toEqual([]);
    expect(japanese).not.toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans(KR|SC)/);

    const korean = (await render(1, { guests: [{ guest: koreanGuest }] })).bytes.toString('latin1');

    expect(korean).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP/);
    expect(korean).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR/);
  });

  test('emoji print as a placeholder', async () => {
    const guest = { ...visitor, name: 'Fictus 😀 Printson', address: '12 Imaginary Lane 🇰🇷, Nowhere' };
    const { text } = await render(1, { guests: [{ guest }] });

    expect(text).toContain('Fictus □ Printson');
    expect(text).toContain('12 Imaginary Lane □, Nowhere');
  });

  test('font is subset and embedded', async () => {
    const { bytes } = await render(1);
    const raw = bytes.toString('latin1');

    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    // pdfkit names subset fonts with a six-letter tag, as PDF requires.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP/);
    // The whole font is 5 MB; the subset of a one-stay register stays small.
    expect(bytes.length).toBeLessThan(200 * 1024);
  });

  test('stays flow onto more pages', async () => {
    const { text, pages, pageCount } = manyStays;

    expect(pageCount).toBeGreaterThan(3);
    expect(pages).toBe(pageCount);
    expect(text).toContain(`${pageCount} ページ / page ${pageCount}`);
    expect(text).toContain('entry-0039');
  });

  test('guests stay with their stay', async () => {
    const { text } = manyStays;
    const pageTexts = text.split(/-- \d+ of \d+ --/).filter((part) => part.includes('宿泊者名簿 Guest register'));

    for (const pageText of pageTexts) {
      const stays = pageText.match(/宿泊者名簿番号 entry-\d{4}/g) ?? [];
      const names = pageText.split(resident.name).length - 1;
      expect(names).toBe(stays.length);
    }
  });

  test('assumed check-out is marked planned', async () => {
    const { text } = await render(1);

    expect(text).toContain('10:00（予定）');
  });

  test('recorded check-out has no mark', async () => {
    const pdf = new RegisterPdf(heading, registerPdfFonts);
    const chunks: Buffer[] = [];
    pdf.stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => pdf.stream.on('end', resolve));
    pdf.addEntry({ ...entry(0), checkedOutAt: '2026-01-02T00:30:00.000Z' }, [{ guest: resident }]);
    await pdf.drained();
    pdf.end(1);
    await ended;
    const { text } = await pdfText(Buffer.concat(chunks));

    expect(text).toContain('チェックアウト 2026-01-02 09:30');
    expect(text).not.toContain('（予定）');
  });

  test('long stay is flagged', async () => {
    const { text } = await render(1, { nights: 8 });

    expect(text).toContain('（8泊）');
    expect(text).toContain('長期滞在（7泊以上）');
  });

  test('passport copy is embedded', async () => {
    const { bytes } = await render(3, { copy: { jpeg: photo } });
    const raw = bytes.toString('latin1');

    expect(raw.match(/\/Subtype \/Image/g)).toHaveLength(3);
    expect(raw).toContain('/Filter /DCTDecode');
  });

  test('withheld copy prints a note', async () => {
    const { text, bytes } = await render(1, { copy: 'withheld' });

    expect(text).toContain('閲覧権限がないため表示しません');
    expect(bytes.toString('latin1')).not.toContain('/Subtype /Image');
  });

  test('unreadable copy prints a note', async () => {
    const { text } = await render(1, { copy: 'unreadable' });

    expect(text).toContain('画像を読み込めません');
  });

  test('heading names Japan time', async () => {
    const { text } = await render(1);

    expect(text).toContain('日時は日本時間 (JST)');
  });

  test('masked heading says so', async () => {
    const { text } = await render(1, { heading: { ...heading, disclosure: 'masked' } });

    expect(text).toContain('個人情報は伏せ字です');
  });

  test('empty period prints a note', async () => {
    const { text, pages } = await render(0);

    expect(pages).toBe(1);
    expect(text).toContain('この期間の宿泊者はいません');
  });
});
