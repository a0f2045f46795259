import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
const actionSchema = z.enum(['create', 'update', 'unchanged', 'invalid']);
const countsSchema = z.object({ create: z.number(), update: z.number(), unchanged: z.number(), invalid: z.number() });

export const importPreviewSchema = z.object({
  encoding: z.enum(['utf-8', 'utf-8-bom', 'shift_jis']),
  counts: countsSchema,
  rows: z.array(
    z.object({
      rowNumber: z.number(),
      action: actionSchema,
      name: z.string().nullable(),
      licenceNumber: z.string().nullable(),
      input: z.unknown(),
      /** Fields an update row changes, each label as `日本語 / English`. Other rows have none. */
      changedFields: z.array(z.object({ field: z.string(), label: z.string() })),
      errors: z.array(fieldErrorSchema),
    }),
  ),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

const importResultSchema = z.object({
  counts: countsSchema,
  rows: z.array(z.object({ rowNumber: z.number(), action: actionSchema, errors: z.array(fieldErrorSchema) })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** Rows per confirm request, so the screen can show progress on large files. */
export const rowsPerRequest = 100;

export function getImportTemplate(client: ApiClient) {
  return client.get('/facility-imports/template', z.object({ fileName: z.string(), contentType: z.string(), csv: z.string() }));
}

export async function previewImport(client: ApiClient, file: File): Promise<ImportPreview> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return client.post('/facility-imports/preview', importPreviewSchema, { fileBase64: btoa(binary) });
}

/** Sends the rows in batches and reports how many were sent after each batch. */
export async function confirmImport(
  client: ApiClient,
  rows: { rowNumber: number; input: unknown }[],
  onProgress: (done: number) => void,
): Promise<ImportResult> {
  const total: ImportResult = { counts: { create: 0, update: 0, unchanged: 0, invalid: 0 }, rows: [] };
  for (let start = 0; start < rows.length; start += rowsPerRequest) {
    const batch = await client.post('/facility-imports', importResultSchema, { rows: rows.slice(start, start + rowsPerRequest) });
    for (const key of Object.keys(total.counts) as (keyof ImportResult['counts'])[]) total.counts[key] += batch.counts[key];
    total.rows.push(...batch.rows);
    onProgress(Math.min(start + rowsPerRequest, rows.length));
  }
  return total;
}
