import { z } from 'zod';

/** Environment variables a handler may need; docs/architecture.md lists what each one names. */
export type EnvironmentName =
  | 'DIRECTORY_TABLE'
  | 'REGISTER_TABLE'
  | 'AUDIT_TABLE'
  | 'IMAGES_BUCKET'
  | 'EXPORTS_BUCKET'
  | 'TENANT_KEY_ALIAS_PREFIX'
  | 'KIOSK_SEALING_KEY_ID'
  | 'USER_POOL_ID'
  | 'MAIL_FROM'
  | 'ADMIN_WEB_URL'
  | 'SUPPORT_ADDRESS'
  | 'STAGE'
  | 'CHECKIN_TABLE';

/**
 * Reads and validates the named variables once, at cold start. Throws one error listing every
 * missing or empty variable, so a misconfigured function fails before its first request.
 */
export function readEnvironment<const Name extends EnvironmentName>(
  names: readonly Name[],
  source: NodeJS.ProcessEnv = process.env,
): Readonly<Record<Name, string>> {
  const shape = Object.fromEntries(names.map((name) => [name, z.string().trim().min(1)]));
  const result = z.object(shape).safeParse(source);
  if (!result.success) {
    const missing = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
    throw new Error(
      `Missing or empty environment variables: ${missing.join(', ')}. ` +
        'Set them in the function configuration (CDK api stack) or in the local runner.',
    );
  }
  return result.data as Record<Name, string>;
}
