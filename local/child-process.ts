import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Runs inside a small Node process between the local system and each external program.
 * When the IPC channel to the parent closes, also when the parent was killed with SIGKILL,
 * it kills the program, so no Java or Node process outlives `npm start` or a test run.
 * It exits with 127 when the program cannot be started (for example Java is not installed).
 */
const guardSource = `
const { spawn } = require('node:child_process');
const [command, ...args] = JSON.parse(process.argv[1]);
const child = spawn(command, args, { stdio: 'inherit' });
const stopChild = (signal) => { if (child.exitCode === null && child.signalCode === null) child.kill(signal); };
process.on('disconnect', () => { stopChild('SIGKILL'); process.exit(0); });
process.on('SIGTERM', () => stopChild('SIGTERM'));
process.on('SIGINT', () => stopChild('SIGTERM'));
child.on('error', (error) => { process.stderr.write('spawn ' + command + ' failed: ' + error.code + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
`;

/** Exit code of the guard when the program itself could not be started. */
export const programNotFoundExitCode = 127;

/**
 * Spawns a program behind the guard above. The returned process is the guard: stopping it
 * stops the program. `options.stdio` applies to the program's stdin, stdout and stderr.
 */
export function spawnGuarded(
  command: string,
  args: readonly string[],
  options: Pick<SpawnOptions, 'cwd' | 'env'> & {
    stdio?: ['ignore' | 'pipe', 'ignore' | 'pipe' | 'inherit', 'ignore' | 'pipe' | 'inherit'];
  } = {},
): ChildProcess {
  const [stdin, stdout, stderr] = options.stdio ?? ['ignore', 'pipe', 'pipe'];
  return spawn(process.execPath, ['-e', guardSource, JSON.stringify([command, ...args])], {
    cwd: options.cwd,
    env: options.env,
    stdio: [stdin, stdout, stderr, 'ipc'],
  });
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

/** Collects the last `maxChars` characters of a stream, for error messages. */
export function captureTail(stream: NodeJS.ReadableStream | null, maxChars = 4_000): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-maxChars);
  });
  return () => text.trim();
}

/** Passes each line of a child's output to `log`, prefixed with the service name. */
export function forwardLines(stream: NodeJS.ReadableStream | null, service: string, log: ((line: string) => void) | undefined): void {
  if (!stream || !log) return;
  createInterface({ input: stream }).on('line', (line) => log(`[${service}] ${line}`));
}
