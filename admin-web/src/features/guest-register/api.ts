import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** One stay in the 宿泊者名簿 list: dates, head count and the guests' decrypted names. */
export const registerEntrySummarySchema = z.object({
  entryId: z.string().min(1),
  facilityId: z.string().min(1),
  arrivalDate: isoDate,
  departureDate: isoDate,
  guestCount: z.number().int().nonnegative(),
  /** 7 nights or more: the operator confirms periodically that no unverified person stays. */
  longStay: z.boolean().optional(),
  /** A long stay in progress whose confirmation is due. */
  longStayConfirmationDue: z.boolean().optional(),
  guests: z.array(
    z.object({
      guestId: z.string().min(1),
      name: z.string(),
      hasAddressInJapan: z.boolean().optional(),
      /** ISO 3166-1 alpha-2. */
      nationality: z.string().length(2).optional(),
    }),
  ),
});

export type RegisterEntrySummary = z.infer<typeof registerEntrySummarySchema>;

export const registerPageSchema = z.object({
  entries: z.array(registerEntrySummarySchema),
  /** Opaque cursor of the next page, absent or null on the last page. */
  nextCursor: z.string().min(1).nullish(),
});

export type RegisterPage = z.infer<typeof registerPageSchema>;

/**
 * One guest's register fields. 国籍, 旅券番号 and the passport copy are required by law only
 * for foreign nationals without an address in Japan, so they are optional here.
 */
export const registeredGuestSchema = z.object({
  guestId: z.string().min(1),
  name: z.string(),
  address: z.string(),
  /** 職業, recorded for facilities under 住宅宿泊事業法. */
  occupation: z.string().optional(),
  /** 連絡先, recorded for facilities under 旅館業法. */
  contact: z.string().optional(),
  hasAddressInJapan: z.boolean(),
  /** ISO 3166-1 alpha-2. */
  nationality: z.string().length(2).optional(),
  passportNumber: z.string().optional(),
  passportImageId: z.string().min(1).optional(),
  /** The guest's face photo, taken at the kiosk with the passport. */
  faceImageId: z.string().min(1).optional(),
});

export type RegisteredGuest = z.infer<typeof registeredGuestSchema>;

/** Confirmation state of a long stay (7 nights or more) and who confirmed it when. */
export const longStaySchema = z.object({
  nights: z.number().int().positive(),
  inProgress: z.boolean(),
  lastConfirmedAt: z.string().datetime({ offset: true }).optional(),
  nextDueAt: z.string().datetime({ offset: true }).optional(),
  due: z.boolean(),
  confirmations: z
    .array(z.object({ at: z.string().datetime({ offset: true }), userId: z.string(), userName: z.string() }))
    .default([]),
});

export type LongStay = z.infer<typeof longStaySchema>;

export const registerEntrySchema = z.object({
  entryId: z.string().min(1),
  facilityId: z.string().min(1),
  arrivalDate: isoDate,
  departureDate: isoDate,
  /** The guests' consent to the house rules, recorded on the kiosk. */
  consent: z.object({
    /** ISO 8601 date-time. */
    acceptedAt: z.string().datetime({ offset: true }),
    language: z.string(),
  }),
  guests: z.array(registeredGuestSchema),
  /** Number of corrections so far; a correction names the revision it read. */
  revision: z.number().int().nonnegative().default(0),
  /** Real check-in and check-out (ISO 8601) when an operator recorded them. */
  checkedInAt: z.string().datetime({ offset: true }).optional(),
  checkedOutAt: z.string().datetime({ offset: true }).optional(),
  correctedAt: z.string().datetime({ offset: true }).optional(),
  /** Set for a stay of 7 nights or more. */
  longStay: longStaySchema.optional(),
  /** `masked` when the user lacks the PII permission: names read 山田 ●● and images stay hidden. */
  disclosure: z.enum(['full', 'masked']).default('full'),
});

export type RegisterEntry = z.infer<typeof registerEntrySchema>;

/**
 * A decrypted guest image. Only raster types are accepted, so the data URL built from it can
 * never carry SVG script.
 */
export const guestImageSchema = z.object({
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  dataBase64: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64'),
});

export type GuestImage = z.infer<typeof guestImageSchema>;

export interface RegisterQuery {
  /** One facility, or empty for every facility the user may see, merged in arrival order. */
  facilityId: string;
  /** First arrival date to include (YYYY-MM-DD), or empty for no lower bound. */
  from?: string;
  /** Last arrival date to include (YYYY-MM-DD), or empty for no upper bound. */
  to?: string;
  /** ISO 3166-1 alpha-2 code, or `resident` for guests with an address in Japan; empty for all. */
  nationality?: string;
  cursor?: string;
}

export function listRegisterEntries(client: ApiClient, query: RegisterQuery): Promise<RegisterPage> {
  return client.get('/register', registerPageSchema, {
    facilityId: query.facilityId === '' ? undefined : query.facilityId,
    from: query.from,
    to: query.to,
    nationality: query.nationality,
    cursor: query.cursor,
  });
}

/**
 * A register export: `queued` until the server's export worker starts it, `running` with progress,
 * then `done` with `downloadUrl` or `failed` with `message` (`日本語 / English`).
 */
export const registerExportSchema = z.object({
  exportId: z.string().uuid(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  totalEntries: z.number().int().nonnegative().optional(),
  processedEntries: z.number().int().nonnegative().optional(),
  entryCount: z.number().int().nonnegative().optional(),
  rowCount: z.number().int().nonnegative().optional(),
  /** PDF only: pages written, and whether PII was masked for a caller without `register:read-pii`. */
  pageCount: z.number().int().nonnegative().optional(),
  disclosure: z.enum(['full', 'masked']).optional(),
  downloadUrl: z.string().url().optional(),
  message: z.string().optional(),
});

export type RegisterExport = z.infer<typeof registerExportSchema>;

/** The server's export worker failed; `message` is the server's `日本語 / English` text. */
export class RegisterExportFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegisterExportFailedError';
  }
}

export interface RegisterExportRequest {
  exportId: string;
  facilityId: string;
  from: string;
  to: string;
}

export type RegisterExportFormat = 'csv' | 'pdf';

/**
 * Queues the export as CSV (for Excel) or as a printable PDF, then polls it every
 * `pollIntervalMs` and resolves with the finished export. `onProgress` receives the queued job and
 * every polled state. Polling starts only after the POST has stored the job, so no status check
 * gets a 404. Rejects with RegisterExportFailedError when the server's worker fails.
 */
export async function createRegisterExport(
  client: ApiClient,
  request: RegisterExportRequest,
  format: RegisterExportFormat,
  pollIntervalMs = 1000,
  onProgress: (job: RegisterExport) => void = () => {},
): Promise<RegisterExport> {
  let job =
    format === 'pdf'
      ? await client.post('/register/pdf-exports', registerExportSchema, request)
      : await client.post('/register/exports', registerExportSchema, { ...request, format: 'csv' });
  onProgress(job);
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    job = await getRegisterExport(client, request.exportId);
    onProgress(job);
  }
  if (job.status === 'failed') throw new RegisterExportFailedError(job.message ?? 'エクスポートに失敗しました / The export failed');
  return job;
}

export function getRegisterExport(client: ApiClient, exportId: string): Promise<RegisterExport> {
  return client.get(`/register/exports/${encodeURIComponent(exportId)}`, registerExportSchema);
}

/**
 * Fetches one entry. `print` records the read as printing in the audit log, so the printed copy
 * comes from a request made for that purpose.
 */
export function getRegisterEntry(client: ApiClient, entryId: string, purpose: 'view' | 'print' = 'view'): Promise<RegisterEntry> {
  return client.get(`/register/${encodeURIComponent(entryId)}`, registerEntrySchema, purpose === 'print' ? { purpose } : undefined);
}

export function getGuestImage(client: ApiClient, entryId: string, imageId: string): Promise<GuestImage> {
  return client.get(
    `/register/${encodeURIComponent(entryId)}/images/${encodeURIComponent(imageId)}`,
    guestImageSchema,
  );
}

/** Builds the `src` of an <img> from a decrypted image. */
export function toDataUrl(image: GuestImage): string {
  return `data:${image.contentType};base64,${image.dataBase64}`;
}

export function confirmLongStay(client: ApiClient, entryId: string): Promise<LongStay> {
  return client.post(`/register/${encodeURIComponent(entryId)}/long-stay-confirmations`, longStaySchema);
}

/** Changed fields of one guest; a guest without changes is sent with its id alone. */
export interface GuestCorrection {
  guestId: string;
  name?: string;
  address?: string;
  occupation?: string;
  hasAddressInJapan?: boolean;
  nationality?: string;
  passportNumber?: string;
}

export interface RegisterCorrectionRequest {
  revision: number;
  reason: string;
  /** ISO 8601, or null to clear a recorded time. */
  checkedInAt?: string | null;
  checkedOutAt?: string | null;
  guests: GuestCorrection[];
}

export const correctionResultSchema = z.object({
  entryId: z.string(),
  revision: z.number().int(),
  correctedAt: z.string().datetime({ offset: true }),
  changedFields: z.array(z.string()),
});

/** Corrects an entry; the API keeps each changed field's original in the audit trail. */
export function correctRegisterEntry(client: ApiClient, entryId: string, request: RegisterCorrectionRequest) {
  return client.patch(`/register/${encodeURIComponent(entryId)}`, correctionResultSchema, request);
}

/** A long stay in progress as `GET /long-stays` lists it: dates and counts, no guest data. */
export const longStaySummarySchema = z.object({
  entryId: z.string().min(1),
  facilityId: z.string().min(1),
  facilityName: z.string(),
  arrivalDate: isoDate,
  departureDate: isoDate,
  guestCount: z.number().int().nonnegative(),
  nights: z.number().int().positive(),
  lastConfirmedAt: z.string().datetime({ offset: true }).optional(),
  nextDueAt: z.string().datetime({ offset: true }).optional(),
  due: z.boolean(),
});

export type LongStaySummary = z.infer<typeof longStaySummarySchema>;

export function listLongStays(client: ApiClient) {
  return client.get('/long-stays', z.object({ stays: z.array(longStaySummarySchema) }));
}
