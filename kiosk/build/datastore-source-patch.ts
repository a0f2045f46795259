import type { Plugin } from 'vite';

/** One exact change to a module of `@aws-amplify/datastore`, checked against its version. */
export interface DatastoreSourcePatch {
  /** Vite plugin name. */
  readonly name: string;
  /** Path of the module below `@aws-amplify/datastore/dist/esm/`, e.g. `sync/index.mjs`. */
  readonly module: string;
  /** Text that must occur exactly once in the module. */
  readonly find: string;
  /** Text that takes its place. */
  readonly replace: string;
  /** What to check again when an upgrade changes the module, for the build error. */
  readonly recheck: string;
}

/** Applies `patch` to `code`, or returns why it cannot. */
export function applyDatastoreSourcePatch(patch: DatastoreSourcePatch, code: string): { code: string } | { error: string } {
  const start = code.indexOf(patch.find);
  if (start < 0 || code.indexOf(patch.find, start + 1) >= 0) {
    return { error: `@aws-amplify/datastore/dist/esm/${patch.module} no longer contains the code that ${patch.name} expects once; ${patch.recheck}` };
  }
  return { code: code.slice(0, start) + patch.replace + code.slice(start + patch.find.length) };
}

function modulePattern(module: string): RegExp {
  const separator = String.raw`[\\/]`;
  const parts = ['@aws-amplify', 'datastore', 'dist', 'esm', ...module.split('/')].map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`${separator}${parts.join(separator)}$`);
}

/**
 * Vite plugin that applies `patch` while bundling. The build fails when the module no longer
 * contains the expected code, or when the build did not include the module at all, so that a
 * DataStore upgrade is checked again instead of silently dropping the change.
 */
export function datastoreSourcePatch(patch: DatastoreSourcePatch): Plugin {
  const pattern = modulePattern(patch.module);
  let patched = false;
  return {
    name: patch.name,
    enforce: 'pre',
    transform(code, id) {
      if (!pattern.test(id.split('?')[0])) return undefined;
      const result = applyDatastoreSourcePatch(patch, code);
      if ('error' in result) this.error(result.error);
      patched = true;
      return { code: result.code, map: null };
    },
    buildEnd(error) {
      if (!error && !patched) this.error(`The build did not include @aws-amplify/datastore/dist/esm/${patch.module}, so ${patch.name} was not applied.`);
    },
  };
}
