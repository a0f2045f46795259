import { z } from 'zod';
import { rejectForbiddenCharacters } from '../http/forbidden-characters';
import { requestBodyLabel, type FieldLabels } from '../http/validation-messages';

export const officeBodySchema = z
  .object({
    name: rejectForbiddenCharacters(z.string({ required_error: '必須です / required' }).trim().min(1, '必須です / required').max(100)),
  })
  .strict();

/** Labels of the office form's fields, which error messages name. */
export const officeFieldLabels: FieldLabels = {
  body: requestBodyLabel,
  name: { ja: '拠点名', en: 'office name' },
};

export const officePathSchema = z.object({ officeId: z.string().trim().min(1).max(64) });
export const officePathLabels: FieldLabels = { officeId: { ja: '拠点 ID', en: 'office ID' } };

/** An office as the admin API returns it. */
export function officeView(office: { officeId: string; name: string; createdAt: string; updatedAt?: string }) {
  return { officeId: office.officeId, name: office.name, createdAt: office.createdAt, updatedAt: office.updatedAt ?? null };
}
