import net from 'node:net';

/** Rejects with a message naming the service when something already listens on the port. */
export async function assertPortFree(port: number, service: string): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (inUse) {
    throw new Error(
      `Port ${port} for ${service} is already in use. Stop the program using it ` +
        `(\`lsof -i :${port}\`) or stop an earlier \`npm start\`.`,
    );
  }
}

/**
 * How long a child service (a JVM, a Node server) may take to listen. Generous, because a
 * 2-core machine busy with a test run or a build starts DynamoDB Local in well over 30 s.
 */
export const serviceStartTimeoutMs = Number(process.env.OS_SERVICE_START_TIMEOUT_MS ?? 120_000);

/** Resolves once a TCP connection to the loopback port succeeds, or rejects after timeoutMs. */
export async function waitForPort(port: number, timeoutMs: number, service: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) {
      throw new Error(`${service} did not start listening on port ${port} within ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
