import { appendFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import type { LocalSystem } from '../../local/system';

declare global {
  // The running local system, shared by the integration and e2e projects of one jest run.
  var openSesameLocalSystem: LocalSystem | undefined;
}

/** Console methods of this process, where the in-process emulators (AppSync, s3rver, SES) print. */
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Starts the whole local system once per jest run and exports its endpoints to the test
 * workers through environment variables (see `LocalSystem.environment`). Every line that a
 * service or handler prints goes to the file named by `OS_SERVICE_LOG_FILE`, so tests can scan
 * the whole run's logs for guest PII.
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.openSesameLocalSystem) return;
  const logFile = path.join(os.tmpdir(), `open-sesame-service-log-${process.pid}.log`);
  writeFileSync(logFile, '');
  const appendLine = (line: string) => appendFileSync(logFile, `${line}\n`);
  for (const method of consoleMethods) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      appendLine(`[console.${method}] ${format(...args)}`);
      original(...args);
    };
  }

  const { startLocalSystem } = await import('../../local/system');
  const system = await startLocalSystem({ purpose: 'test', seedDemoData: true, log: appendLine, serviceLog: appendLine });
  globalThis.openSesameLocalSystem = system;
  Object.assign(process.env, system.environment, { OS_SERVICE_LOG_FILE: logFile });
}
