import { z } from 'zod';

/**
 * Runtime settings of one stage, read from `/config.json`. CDK writes the file next to the
 * deployed app and the local runner serves one with local endpoints, so one build runs anywhere.
 */
export const appConfigSchema = z.object({
  stage: z.string().min(1),
  region: z.string().min(1),
  apiUrl: z.string().url(),
  graphqlUrl: z.string().url(),
  userPoolId: z.string().min(1),
  userPoolClientId: z.string().min(1),
  /** cognito-local's URL; set only locally, where Amplify must not call the real Cognito. */
  cognitoEndpoint: z.string().url().optional(),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

/** Raised when `/config.json` cannot be fetched or does not match `appConfigSchema`. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** Invalid or missing fields, as `path: reason` lines for the error screen. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates parsed `config.json` content and lists every invalid field at once. */
export function parseAppConfig(value: unknown): AppConfig {
  const result = appConfigSchema.safeParse(value);
  if (result.success) return result.data;

  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigError('config.json is invalid', problems);
}

/** Fetches and validates `/config.json`, bypassing the HTTP cache so a redeploy takes effect. */
export async function loadAppConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetchImpl('/config.json', { cache: 'no-store' });
  } catch (error) {
    throw new ConfigError(`Fetching /config.json failed: ${String(error)}`);
  }
  if (!response.ok) {
    throw new ConfigError(`Fetching /config.json failed with HTTP ${response.status}`);
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ConfigError('config.json is not valid JSON');
  }
  return parseAppConfig(body);
}
