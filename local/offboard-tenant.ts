/**
 * `npm run offboard -- --tenant <id> --confirm <id> --basis <basis> --reference <ref> --requested-by <name>`:
 * offboards a tenant of the system that `npm start` runs, through the same handler that the
 * deployed stage runs (lambdas/guest-pii/offboard-tenant.ts). With `--payload-only` it prints
 * the invocation payload instead, for `aws lambda invoke` on a deployed stage (docs/deploy.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { devEnvironmentFile } from './system';

const usage =
  'Usage: npm run offboard -- --tenant <tenantId> --confirm <tenantId> --basis retention-ended|tenant-request ' +
  '--reference <ticket> --requested-by <your name> [--waiting-days 7..30] [--payload-only]';

/** Builds the offboard-tenant payload from the command line; the handler validates the values. */
export function offboardingPayloadFromArgs(args: readonly string[]): { payload: Record<string, unknown>; payloadOnly: boolean } {
  const { values } = parseArgs({
    args: [...args],
    options: {
      tenant: { type: 'string' },
      confirm: { type: 'string' },
      basis: { type: 'string' },
      reference: { type: 'string' },
      'requested-by': { type: 'string' },
      'waiting-days': { type: 'string' },
      'payload-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const missing = (['tenant', 'confirm', 'basis', 'reference', 'requested-by'] as const).filter((name) => !values[name]);
  if (missing.length > 0) throw new Error(`Missing ${missing.map((name) => `--${name}`).join(', ')}. ${usage}`);
  const waitingDays = values['waiting-days'] === undefined ? undefined : Number(values['waiting-days']);
  if (waitingDays !== undefined && !Number.isInteger(waitingDays)) {
    throw new Error(`--waiting-days must be a whole number of days from 7 to 30, got "${values['waiting-days']}".`);
  }
  return {
    payload: {
      tenantId: values.tenant,
      confirmTenantId: values.confirm,
      basis: values.basis,
      reference: values.reference,
      requestedBy: values['requested-by'],
      ...(waitingDays === undefined ? {} : { waitingDays }),
    },
    payloadOnly: values['payload-only'] === true,
  };
}

/** Points the handler at the emulators of the running local system, as the local runner does for its functions. */
function useLocalSystem(): void {
  if (!existsSync(devEnvironmentFile)) {
    throw new Error(`${devEnvironmentFile} not found: start the local system with npm start first.`);
  }
  const system = JSON.parse(readFileSync(devEnvironmentFile, 'utf8')) as Record<string, string>;
  Object.assign(process.env, {
    AWS_REGION: system.OS_REGION,
    AWS_ACCESS_KEY_ID: system.OS_AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: system.OS_AWS_SECRET_ACCESS_KEY,
    AWS_ENDPOINT_URL_DYNAMODB: system.OS_DYNAMODB_ENDPOINT,
    AWS_ENDPOINT_URL_KMS: system.OS_KMS_ENDPOINT,
    AWS_ENDPOINT_URL_S3: system.OS_S3_ENDPOINT,
    DIRECTORY_TABLE: system.OS_DIRECTORY_TABLE,
    REGISTER_TABLE: system.OS_REGISTER_TABLE,
    AUDIT_TABLE: system.OS_AUDIT_TABLE,
    IMAGES_BUCKET: system.OS_IMAGES_BUCKET,
    TENANT_KEY_ALIAS_PREFIX: system.OS_TENANT_KEY_ALIAS_PREFIX,
    STAGE: system.OS_STAGE,
  });
}

async function main(): Promise<void> {
  const { payload, payloadOnly } = offboardingPayloadFromArgs(process.argv.slice(2));
  if (payloadOnly) {
    process.stdout.write(`${JSON.stringify(payload)}\n`);
    return;
  }
  useLocalSystem();
  // Imported only now, because the handler reads its environment when it loads.
  const { handler } = await import('../lambdas/guest-pii/offboard-tenant');
  const result = await handler(payload);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Offboarding failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
