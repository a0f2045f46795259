import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** The four figures of a 定期報告; counts and dates only, no guest data. */
export const reportFiguresSchema = z.object({
  daysWithGuests: z.number().int().nonnegative(),
  lodgingDays: z.array(isoDate),
  guestCount: z.number().int().nonnegative(),
  guestNights: z.number().int().nonnegative(),
  /** Guests by ISO 3166-1 alpha-2 code, `resident` for guests with an address in Japan. */
  guestsByNationality: z.record(z.number().int().nonnegative()),
});

export const submissionStatusSchema = z.enum(['not-submitted', 'submitted']);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

/** One facility's 定期報告 for one two-month period. */
export const periodicReportSchema = z.object({
  facilityId: z.string().min(1),
  facilityName: z.string(),
  /** 届出番号. */
  notificationNumber: z.string(),
  /** First month of the period, `YYYY-MM`. */
  periodId: z.string().regex(/^\d{4}-\d{2}$/),
  firstDay: isoDate,
  lastDay: isoDate,
  dueDate: isoDate,
  /** Period as the government system writes it, e.g. `2026年度06月～07月`. */
  governmentLabel: z.string(),
  status: submissionStatusSchema,
  statusChangedAt: z.string().datetime({ offset: true }).optional(),
  overdue: z.boolean(),
  figures: reportFiguresSchema,
});

export type PeriodicReport = z.infer<typeof periodicReportSchema>;

/** A 住宅宿泊事業 facility the list covers, with its 届出日 (null until entered). */
export const reportingFacilitySchema = z.object({
  facilityId: z.string().min(1),
  facilityName: z.string(),
  notificationNumber: z.string(),
  notificationDate: isoDate.nullable(),
});

export type ReportingFacility = z.infer<typeof reportingFacilitySchema>;

/**
 * A register entry the figures leave out because its stay times disagree (a check-out before the
 * check-in), listed by id and facility so the operator can open and correct it.
 */
export const uncountedEntrySchema = z.object({
  entryId: z.string().min(1),
  facilityId: z.string().min(1),
  facilityName: z.string(),
});

export type UncountedEntry = z.infer<typeof uncountedEntrySchema>;

export const periodicReportListSchema = z.object({
  /** The date in Japan when the server computed the list. */
  today: isoDate,
  /** Every facility the list covers, also those with no report in the periods shown. */
  facilities: z.array(reportingFacilitySchema),
  /** Reports of the periods from each facility's 届出日 on. */
  reports: z.array(periodicReportSchema),
  uncountedEntries: z.array(uncountedEntrySchema),
});

export const statusChangeSchema = z.object({
  facilityId: z.string().min(1),
  periodId: z.string(),
  status: submissionStatusSchema,
  statusChangedAt: z.string().datetime({ offset: true }),
});

/** The government upload file, base64 because the API returns JSON. */
export const governmentFileSchema = z.object({
  fileName: z.string().regex(/^[\w.-]+$/),
  contentType: z.string(),
  rowCount: z.number().int().nonnegative(),
  dataBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
  uncountedEntries: z.array(uncountedEntrySchema),
});

export type GovernmentFile = z.infer<typeof governmentFileSchema>;

/** Days used of the 180-day cap (or the local limit) in the year from April 1 noon. */
export const annualDayCountSchema = z.object({
  facilityId: z.string().min(1),
  facilityName: z.string(),
  year: z.number().int(),
  firstDay: isoDate,
  lastDay: isoDate,
  daysUsed: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  remaining: z.number().int().nonnegative(),
  thresholdsReached: z.array(z.number().int()),
});

export type AnnualDayCount = z.infer<typeof annualDayCountSchema>;

export const annualDayCountListSchema = z.object({ counts: z.array(annualDayCountSchema), uncountedEntries: z.array(uncountedEntrySchema) });

export interface ReportQuery {
  /** First and last period, `YYYY-MM` with an even month; empty for the server's default. */
  from?: string;
  to?: string;
}

export function listPeriodicReports(client: ApiClient, query: ReportQuery) {
  return client.get('/reports/periodic', periodicReportListSchema, { from: query.from, to: query.to });
}

export function setReportStatus(client: ApiClient, input: { facilityId: string; periodId: string; status: SubmissionStatus }) {
  return client.put(
    `/reports/periodic/${encodeURIComponent(input.facilityId)}/${encodeURIComponent(input.periodId)}/status`,
    statusChangeSchema,
    { status: input.status },
  );
}

export function exportGovernmentFile(client: ApiClient, periodId: string) {
  return client.get('/reports/periodic/export', governmentFileSchema, { periodId });
}

export function listAnnualDayCounts(client: ApiClient) {
  return client.get('/reports/annual-days', annualDayCountListSchema);
}

/** Saves a file from base64 through a temporary object URL and a download link. */
export function saveBase64File(file: { fileName: string; contentType: string; dataBase64: string }): void {
  const bytes = Uint8Array.from(atob(file.dataBase64), (character) => character.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  URL.revokeObjectURL(url);
}
