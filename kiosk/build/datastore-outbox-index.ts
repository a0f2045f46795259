import { datastoreSourcePatch, type DatastoreSourcePatch } from './datastore-source-patch';

/** The start of the MutationEvent model in `SyncEngine.getNamespace()` of DataStore 5.1.13. */
const mutationEventModel = `                MutationEvent: {
                    name: 'MutationEvent',
                    pluralName: 'MutationEvents',
                    syncable: false,
`;

const modelIdKey = `                    attributes: [{ type: 'key', properties: { name: 'byModelId', fields: ['modelId'] } }],\n`;

/**
 * Adds a `modelId` index to DataStore's outbox, the IndexedDB store `sync_MutationEvent`.
 * DataStore 5.1.13 declares that model without any key, so each lookup of a record's pending
 * mutations reads the whole outbox. It does two after every mutation response and one on every
 * offline save, so a drain of n queued check-ins reads O(n²) records. DataStore builds an index
 * for each `key` attribute of a model and uses it for `eq` predicates.
 * IndexedDB creates indexes only with a new database, so a tablet gets the index after its next
 * wipe. Until then DataStore finds no index and reads the whole store, as before.
 */
export const outboxIndexPatch: DatastoreSourcePatch = {
  name: 'datastore-outbox-index',
  module: 'sync/index.mjs',
  find: mutationEventModel,
  replace: mutationEventModel + modelIdKey,
  recheck: "check whether the outbox still needs a modelId index (version 5.1.13 declared the MutationEvent model without keys).",
};

export function datastoreOutboxIndex() {
  return datastoreSourcePatch(outboxIndexPatch);
}
