import { z } from 'zod';

/** The `/config.json` contract shared with admin-web; CDK and the local runner write it. */
export const kioskConfigSchema = z.object({
  stage: z.string().min(1),
  region: z.string().min(1),
  apiUrl: z.string().url(),
  graphqlUrl: z.string().url(),
  userPoolId: z.string().min(1),
  userPoolClientId: z.string().min(1),
  /** Set only locally, where cognito-local replaces the Cognito endpoint. */
  cognitoEndpoint: z.string().url().optional(),
});

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

const cachedConfigKey = 'open-sesame.kiosk.config';

/**
 * Loads and validates `/config.json`. When the network is down the last valid copy from
 * localStorage is used, so a paired kiosk still starts offline.
 */
export async function loadKioskConfig(fetchImpl: typeof fetch = fetch): Promise<KioskConfig> {
  let response: Response | undefined;
  try {
    response = await fetchImpl('/config.json', { cache: 'no-store' });
  } catch {
    response = undefined;
  }

  if (response?.ok) {
    const parsed = kioskConfigSchema.safeParse(await response.json());
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
      throw new Error(`Invalid /config.json: check the fields ${fields}.`);
    }
    localStorage.setItem(cachedConfigKey, JSON.stringify(parsed.data));
    return parsed.data;
  }

  const cached = localStorage.getItem(cachedConfigKey);
  if (cached) {
    const parsed = kioskConfigSchema.safeParse(JSON.parse(cached));
    if (parsed.success) return parsed.data;
  }
  const status = response ? `HTTP ${response.status}` : 'network error';
  throw new Error(`Failed to load /config.json (${status}) and no cached copy exists.`);
}
