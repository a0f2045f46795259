import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertPortFree, waitForPort } from './ports-check';

/** DynamoDB Local 1.25 as shipped inside the amplify-dynamodb-simulator npm package. */
const emulatorDir = path.join(
  path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')),
  'emulator',
);

export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local in memory on the given loopback port, with telemetry off because the
 * machine has no outside network, and one shared database for every credential.
 */
export async function startDynamoDbLocal(port: number): Promise<DynamoDbLocal> {
  const jar = path.join(emulatorDir, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) {
    throw new Error(`DynamoDB Local jar not found at ${jar}: run npm ci first.`);
  }
  await assertPortFree(port, 'DynamoDB Local');
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(emulatorDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      jar,
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawnFailed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('Java not found: install it with `apt-get install -y openjdk-17-jre-headless`.')
          : error,
      ),
    );
    child.once('exit', (code) =>
      reject(new Error(`DynamoDB Local exited with code ${code}: ${stderr.trim()}`)),
    );
  });
  await Promise.race([waitForPort(port, 30_000, 'DynamoDB Local'), spawnFailed]);
  spawnFailed.catch(() => undefined);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => stopChild(child),
  };
}

/** Sends SIGTERM, then SIGKILL if the process has not exited within 5 seconds. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
