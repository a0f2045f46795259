import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureTail, forwardLines, programNotFoundExitCode, spawnGuarded, stopChild } from './child-process';
import { assertPortFree, serviceStartTimeoutMs, waitForPort } from './ports-check';

export { stopChild } from './child-process';

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
 * Starts DynamoDB Local in memory on the given port, telemetry off, one database for every credential.
 * NOTE: it listens on every interface, because version 1.25 has no option for the address.
 */
export async function startDynamoDbLocal(port: number, log?: (line: string) => void): Promise<DynamoDbLocal> {
  const jar = path.join(emulatorDir, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) {
    throw new Error(`DynamoDB Local jar not found at ${jar}: run npm ci first.`);
  }
  await assertPortFree(port, 'DynamoDB Local');
  const child = spawnGuarded(
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
    // DynamoDB Local writes a metadata file into its working directory.
    { cwd: os.tmpdir(), stdio: ['ignore', log ? 'pipe' : 'ignore', 'pipe'] },
  );
  const stderr = captureTail(child.stderr);
  forwardLines(child.stdout, 'dynamodb-local', log);
  forwardLines(child.stderr, 'dynamodb-local', log);
  const spawnFailed = new Promise<never>((_, reject) => {
    child.once('exit', (code) =>
      reject(
        code === programNotFoundExitCode
          ? new Error('Java not found: install it with `apt-get install -y openjdk-17-jre-headless`.')
          : new Error(`DynamoDB Local exited with code ${code}: ${stderr()}`),
      ),
    );
  });
  await Promise.race([waitForPort(port, serviceStartTimeoutMs, 'DynamoDB Local'), spawnFailed]);
  // After start-up an exit is no longer a start failure, but without this report the next
  // request fails with ECONNREFUSED and nothing reports why the emulator went away. Ctrl-C reaches
  // the guard too, so the report waits a second for the runner's own stop() before it prints.
  let stopping = false;
  spawnFailed.catch(() => {
    const report = setTimeout(() => {
      if (stopping) return;
      console.error(
        `DynamoDB Local on port ${port} stopped unexpectedly (exit code ${child.exitCode}; 128 means a signal killed it). ` +
          `Its last error output: ${stderr() || '(none)'}`,
      );
    }, 1_000);
    report.unref();
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}
