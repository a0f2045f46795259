import { datastoreSourcePatch, type DatastoreSourcePatch } from './datastore-source-patch';

/** The cached branch of `isPrivateMode` in DataStore 5.1.13's util module. */
const cachedNotPrivate = `        if (privateModeCheckResult === true) {
            return isNotPrivate();
        }`;

const answerFromCache = `        if (privateModeCheckResult === true) {
            resolve(false);
            return;
        }`;

/**
 * DataStore 5.1.13 runs `isPrivateMode` before every IndexedDB operation. Once the first check has
 * opened a database successfully, it caches that result, but still asks IndexedDB to delete a
 * database with a fresh random name each time. Those deletions of databases that were never
 * created queue in the browser's IndexedDB work between the outbox's own transactions, several
 * per sent check-in. The patched check answers from the cache, as it already does when the
 * first check failed.
 */
export const privateModeCheckPatch: DatastoreSourcePatch = {
  name: 'datastore-private-mode-check',
  module: 'util.mjs',
  find: cachedNotPrivate,
  replace: answerFromCache,
  recheck: 'check whether isPrivateMode still deletes a database on every call once its result is cached.',
};

export function datastorePrivateModeCheck() {
  return datastoreSourcePatch(privateModeCheckPatch);
}
