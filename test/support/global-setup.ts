import type { LocalSystem } from '../../local/system';

declare global {
  // The running local system, shared by the integration and e2e projects of one jest run.
  var openSesameLocalSystem: LocalSystem | undefined;
}

/**
 * Starts the whole local system once per jest run and exports its endpoints to the test
 * workers through environment variables (see `LocalSystem.environment`).
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.openSesameLocalSystem) return;
  const { startLocalSystem } = await import('../../local/system');
  const system = await startLocalSystem({ purpose: 'test', seedDemoData: true });
  globalThis.openSesameLocalSystem = system;
  Object.assign(process.env, system.environment);
}
