import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

/** An office (拠点): it groups facilities and the users who look after them. */
export const officeSchema = z.object({ officeId: z.string().min(1), name: z.string() });
export type Office = z.infer<typeof officeSchema>;

export async function listOffices(client: ApiClient): Promise<Office[]> {
  return (await client.get('/offices', z.object({ offices: z.array(officeSchema) }))).offices;
}

export async function saveOffice(client: ApiClient, officeId: string | undefined, name: string): Promise<Office> {
  const schema = z.object({ office: officeSchema });
  const response = officeId
    ? await client.put(`/offices/${encodeURIComponent(officeId)}`, schema, { name })
    : await client.post('/offices', schema, { name });
  return response.office;
}
