import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { PassThrough } from 'node:stream';
import { registerImageKey } from '../check-in/image-keys';
import type { TenantEnvelope } from '../guest-pii/tenant-envelope';
import { decryptGuest } from './guest-decryption';
import { downscaleForPrint, UnreadableImageError } from './print-image';
import type { RegisterEntry, SealedGuest } from './register-entry';
import { streamRegisterExport, type RegisterExportDependencies, type RegisterExportRequest } from './register-export';
import { RegisterPdf, type PassportCopy, type PrintedGuest } from './register-pdf';
import type { RegisterPdfFont } from './register-pdf-font';

export interface RegisterPdfExportDependencies extends RegisterExportDependencies {
  /** The bucket of the register's images, read for the passport copies. */
  readonly images: { readonly s3: S3Client; readonly bucket: string };
  /** Fonts in order of preference, the first with Japanese glyphs (`registerPdfFonts`). */
  readonly fonts: readonly RegisterPdfFont[];
}

export interface RegisterPdfExportRequest extends RegisterExportRequest {
  /** `full` also prints passport copies; `masked` prints masked values and no images. */
  readonly facility: { readonly name: string; readonly licenceNumber: string };
  readonly printedAt?: Date;
}

/**
 * Stays per page of the PDF export. Passport copies make a stay far slower to write than a CSV
 * row, so pages are smaller than the CSV's and progress moves more often.
 */
export const pdfExportPageSize = 25;

/**
 * Streams the register of one facility for arrival dates `[from, to]` into a printable PDF in S3,
 * with the passport copies downscaled. Each page of stays is audited as a print with the
 * caller's disclosure before it is decrypted. Passport images that are missing or not a JPEG
 * print as a note and are counted in `unreadableImages`.
 */
export async function exportRegisterPdf(
  deps: RegisterPdfExportDependencies,
  request: RegisterPdfExportRequest,
): Promise<{ rowCount: number; entryCount: number; objectKey: string; pageCount: number; unreadableImages: number }> {
  const pdf = new RegisterPdf(
    {
      facilityName: request.facility.name,
      licenceNumber: request.facility.licenceNumber,
      from: request.from,
      to: request.to,
      printedAt: request.printedAt ?? new Date(),
      disclosure: request.disclosure,
    },
    deps.fonts,
  );
  const body = pdf.stream.pipe(new PassThrough());
  let unreadableImages = 0;
  let stayCount = 0;

  const passportCopy = async (entry: RegisterEntry, guest: SealedGuest, envelope: TenantEnvelope): Promise<PassportCopy | undefined> => {
    if (!guest.passportImageId) return undefined;
    if (request.disclosure !== 'full') return 'withheld';
    const copy = await readPassportCopy(deps.images, request.tenantId, entry.entryId, guest.passportImageId, envelope);
    if (copy === 'unreadable') unreadableImages += 1;
    return copy;
  };

  const result = await streamRegisterExport(deps, request, {
    format: 'pdf',
    contentType: 'application/pdf',
    pageSize: pdfExportPageSize,
    audit: { action: 'print', disclosure: request.disclosure, resource: 'register-pdf' },
    body,
    async writeEntry(entry, envelope) {
      const guests: PrintedGuest[] = [];
      for (const guest of entry.guests) {
        guests.push({ guest: decryptGuest(envelope, entry, guest, request.disclosure), passportCopy: await passportCopy(entry, guest, envelope) });
      }
      pdf.addEntry(entry, guests);
      stayCount += 1;
      await pdf.drained();
      return guests.length;
    },
    end: () => pdf.end(stayCount),
    destroy: (error) => {
      pdf.destroy(error);
      body.destroy(error);
    },
    pageCount: () => pdf.pageCount,
  });
  return { ...result, pageCount: pdf.pageCount, unreadableImages };
}

/**
 * Reads, decrypts and downscales one passport image. A missing object or bytes that are not a
 * JPEG give `unreadable`; a failed decryption throws, because it means the stored data was
 * changed or belongs to another entry.
 */
async function readPassportCopy(
  images: RegisterPdfExportDependencies['images'],
  tenantId: string,
  entryId: string,
  imageId: string,
  envelope: TenantEnvelope,
): Promise<PassportCopy> {
  let sealed: Buffer;
  try {
    const object = await images.s3.send(new GetObjectCommand({ Bucket: images.bucket, Key: registerImageKey(tenantId, entryId, imageId) }));
    sealed = Buffer.from(await object.Body!.transformToByteArray());
  } catch (error) {
    if (error instanceof NoSuchKey) return 'unreadable';
    throw error;
  }
  try {
    return { jpeg: downscaleForPrint(envelope.decryptImage(entryId, imageId, sealed)) };
  } catch (error) {
    if (error instanceof UnreadableImageError) return 'unreadable';
    throw error;
  }
}
