import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureTail, spawnGuarded } from './child-process';
import { modificationTime, newestModificationTime } from './freshness';

export const repositoryRoot = path.resolve(__dirname, '..');

/** Folders never read as build input. */
const ignoredFolders = ['node_modules', 'dist', 'cdk.out', '.local', '.git', 'test', 'bench'];

/** Runs a command from the repository root and rejects with its last output when it fails. */
function runStep(description: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const child = spawnGuarded(command, args, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = captureTail(child.stdout);
  const stderr = captureTail(child.stderr);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${description} failed with exit code ${code}:\n${stderr() || stdout()}`));
    });
  });
}

/** Written after a successful synth; a failed synth can leave a manifest.json behind. */
const synthStamp = path.join(repositoryRoot, '.local', 'synth-succeeded');

/** The stack that the local system synthesizes, with the stacks it depends on. */
const localStackId = 'OpenSesame-dev-Api';

/**
 * Synthesizes the dev stage into cdk.out unless the last successful synth is newer than every
 * file the CDK app reads (bin/, lib/, lambdas/, cdk.json, package-lock.json, tsconfig.json) and
 * cdk.out still holds the dev stage. A `cdk synth -c stage=prod` for a deployment writes another
 * stage into the same cdk.out, which the local system must not run.
 * Only the Api stack is selected, so only its handlers are bundled. Bundling the web content
 * stack would build both web apps with Vite a second time. Returns whether it ran.
 */
export async function synthesizeIfStale(): Promise<boolean> {
  const inputs = ['bin', 'lib', 'lambdas', 'cdk.json', 'package-lock.json', 'tsconfig.json'].map((entry) =>
    path.join(repositoryRoot, entry),
  );
  const manifest = path.join(repositoryRoot, 'cdk.out', 'manifest.json');
  const lastSynth = Math.min(modificationTime(synthStamp), modificationTime(manifest));
  if (lastSynth > newestModificationTime(inputs, ignoredFolders) && manifestHasStack(manifest, localStackId)) return false;
  rmSync(synthStamp, { force: true });
  await runStep('cdk synth', 'npx', ['cdk', 'synth', '-q', '-c', 'stage=dev', localStackId]);
  mkdirSync(path.dirname(synthStamp), { recursive: true });
  writeFileSync(synthStamp, new Date().toISOString());
  return true;
}

/** Returns whether the cloud assembly manifest at `manifestPath` lists the stack `stackId`. */
function manifestHasStack(manifestPath: string, stackId: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { artifacts?: Record<string, unknown> };
    return manifest.artifacts?.[stackId] !== undefined;
  } catch {
    return false;
  }
}

/**
 * Builds a web app with its Vite config into `<app>/dist` unless dist/index.html is newer than
 * every source file of the app and the lock file. Returns whether it ran.
 */
export async function buildWebAppIfStale(app: 'kiosk' | 'admin-web'): Promise<boolean> {
  const appDir = path.join(repositoryRoot, app);
  const builtIndex = path.join(appDir, 'dist', 'index.html');
  const newestSource = newestModificationTime([appDir, path.join(repositoryRoot, 'package-lock.json')], ignoredFolders);
  if (modificationTime(builtIndex) > newestSource) return false;
  // Jest sets NODE_ENV=test, and Vite keeps a NODE_ENV it finds, which would bundle React's
  // development build into the app that the tests, `npm start` and the bench then serve.
  await runStep(`Building ${app}`, 'npx', ['vite', 'build', '--config', path.join(app, 'vite.config.mts')], {
    ...process.env,
    NODE_ENV: 'production',
  });
  return true;
}
