/**
 * `npm run offboard -- --tenant <id> --confirm <id> --basis <basis> --reference <ref> --requested-by <name>`:
 * offboards a tenant of the system that `npm start` runs, through the same handler that the
 * deployed stage runs (lambdas/guest-pii/offboard-tenant.ts). With `--payload-only` it prints
 * the invocation payload instead, for `aws lambda invoke` on a deployed stage (docs/deploy.md).
 */
import { parseArgs } from 'node:util';
import { useRunningLocalSystem } from './running-system';

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

async function main(): Promise<void> {
  const { payload, payloadOnly } = offboardingPayloadFromArgs(process.argv.slice(2));
  if (payloadOnly) {
    process.stdout.write(`${JSON.stringify(payload)}\n`);
    return;
  }
  useRunningLocalSystem();
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
