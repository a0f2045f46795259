/**
 * `npm run purge-expired-register -- [--time <ISO 8601>]`: runs the daily retention job
 * (lambdas/guest-register/purge-expired-register.ts) once against the system that `npm start`
 * runs, as if its EventBridge schedule fired at `--time` (default now). The local runner fires
 * no schedules by itself.
 */
import { parseArgs } from 'node:util';
import { useRunningLocalSystem } from './running-system';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { time: { type: 'string' } }, strict: true });
  const time = values.time ?? new Date().toISOString();
  if (Number.isNaN(new Date(time).getTime())) {
    throw new Error(`--time must be an ISO 8601 time such as 2030-04-10T18:00:00Z, got "${time}".`);
  }
  useRunningLocalSystem();
  // Imported only now, because the handler reads its environment when it loads.
  const { handler } = await import('../lambdas/guest-register/purge-expired-register');
  process.stdout.write(`${JSON.stringify(await handler({ time }), null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Retention job failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
