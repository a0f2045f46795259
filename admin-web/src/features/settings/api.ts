import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

export const tenantSettingsSchema = z.object({
  tenantName: z.string().nullable(),
  /** CIDR networks allowed to use the admin app; empty means every network. */
  ipAllowlist: z.array(z.string()),
  /** The address the API saw this request come from. */
  callerIp: z.string().nullable(),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export function getTenantSettings(client: ApiClient): Promise<TenantSettings> {
  return client.get('/tenant/settings', tenantSettingsSchema);
}

export async function saveIpAllowlist(client: ApiClient, ipAllowlist: string[]): Promise<string[]> {
  return (await client.put('/tenant/ip-allowlist', z.object({ ipAllowlist: z.array(z.string()) }), { ipAllowlist })).ipAllowlist;
}
