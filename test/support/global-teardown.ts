/** Stops the local system started by global-setup.ts, after the last project that used it. */
export default async function globalTeardown(): Promise<void> {
  const system = globalThis.openSesameLocalSystem;
  if (!system) return;
  globalThis.openSesameLocalSystem = undefined;
  await system.stop();
}
