import { z } from 'zod';

export const officeBodySchema = z
  .object({
    name: z
      .string({ required_error: '拠点名は必須です / name is required' })
      .trim()
      .min(1, '拠点名は必須です / name is required')
      .max(100, '拠点名は 100 文字以内にしてください / name must be at most 100 characters'),
  })
  .strict();

export const officePathSchema = z.object({ officeId: z.string().trim().min(1).max(64) });

/** An office as the admin API returns it. */
export function officeView(office: { officeId: string; name: string; createdAt: string; updatedAt?: string }) {
  return { officeId: office.officeId, name: office.name, createdAt: office.createdAt, updatedAt: office.updatedAt ?? null };
}
