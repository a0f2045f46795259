import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Newest modification time (ms) of any file under the paths, skipping the named folders. */
export function newestModificationTime(paths: readonly string[], skipFolders: readonly string[] = []): number {
  let newest = 0;
  const visit = (entry: string) => {
    let stats;
    try {
      stats = statSync(entry);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      if (skipFolders.includes(path.basename(entry))) return;
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** Modification time (ms) of a file, or 0 when it does not exist. */
export function modificationTime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
