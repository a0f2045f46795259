import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from './build-steps';
import { portOffset } from './ports';

/**
 * State directory of the dev system that `npm start` runs with a port offset: `.local/state` for
 * offset 0, `.local/state-<offset>` otherwise, so that a second system started with another
 * OS_PORT_OFFSET in the same checkout leaves the first one's data alone.
 */
export function devStateDir(offset: number = portOffset, root: string = repositoryRoot): string {
  return path.join(root, '.local', offset === 0 ? 'state' : `state-${offset}`);
}

/**
 * File in which `npm start` leaves `LocalSystem.environment` of the running dev system, for
 * commands that work on it (`npm run offboard`, `npm run purge-expired-register`).
 */
export function devEnvironmentFile(offset: number = portOffset, root: string = repositoryRoot): string {
  return path.join(devStateDir(offset, root), 'environment.json');
}

/** Empties and recreates the dev state directory of one port offset; the others stay as they are. */
export function prepareDevStateDir(offset: number = portOffset, root: string = repositoryRoot): string {
  const dir = devStateDir(offset, root);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
