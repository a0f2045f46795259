import type { Plugin } from 'vite';

/** The module of `@aws-amplify/datastore` that declares the outbox's MutationEvent model. */
const syncEngineModule = /[\\/]@aws-amplify[\\/]datastore[\\/]dist[\\/]esm[\\/]sync[\\/]index\.mjs$/;

/** The start of the MutationEvent model in `SyncEngine.getNamespace()` of DataStore 5.1.13. */
const mutationEventModel = `                MutationEvent: {
                    name: 'MutationEvent',
                    pluralName: 'MutationEvents',
                    syncable: false,
`;

/**
 * Vite plugin that adds a `modelId` index to DataStore's outbox, the IndexedDB store
 * `sync_MutationEvent`. DataStore 5.1.13 declares that model without any key, so each lookup of
 * a record's pending mutations reads the whole outbox. It does two after every mutation response
 * and one on every offline save, so a drain of n queued check-ins reads O(n²) records. DataStore
 * builds an index for each `key` attribute of a model and uses it for `eq` predicates.
 * IndexedDB creates indexes only with a new database, so a tablet gets the index after its next
 * wipe. Until then DataStore finds no index and reads the whole store, as before.
 * The build fails when DataStore's source no longer contains the declaration, so that an upgrade
 * is checked again.
 */
export function datastoreOutboxIndex(): Plugin {
  let patched = false;
  return {
    name: 'datastore-outbox-index',
    enforce: 'pre',
    transform(code, id) {
      if (!syncEngineModule.test(id.split('?')[0])) return undefined;
      const start = code.indexOf(mutationEventModel);
      if (start < 0 || code.indexOf(mutationEventModel, start + 1) >= 0) {
        this.error(`${id} no longer declares DataStore's MutationEvent model as version 5.1.13 did; check whether the outbox still needs a modelId index.`);
      }
      patched = true;
      const keyAttribute = `                    attributes: [{ type: 'key', properties: { name: 'byModelId', fields: ['modelId'] } }],\n`;
      const end = start + mutationEventModel.length;
      return { code: code.slice(0, end) + keyAttribute + code.slice(end), map: null };
    },
    buildEnd(error) {
      if (!error && !patched) this.error('The build did not include DataStore\'s sync engine module, so the outbox index was not added.');
    },
  };
}
