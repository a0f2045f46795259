import { readFileSync } from 'node:fs';
import path from 'node:path';
import { outboxHeadPatches } from '../../kiosk/build/datastore-outbox-head';
import { outboxIndexPatch } from '../../kiosk/build/datastore-outbox-index';
import { privateModeCheckPatch } from '../../kiosk/build/datastore-private-mode-check';
import { applyDatastoreSourcePatch, type DatastoreSourcePatch } from '../../kiosk/build/datastore-source-patch';

const datastoreDist = path.join(path.dirname(require.resolve('@aws-amplify/datastore/package.json')), 'dist', 'esm');

function installedSource(patch: DatastoreSourcePatch): string {
  return readFileSync(path.join(datastoreDist, ...patch.module.split('/')), 'utf8');
}

describe.each<[string, DatastoreSourcePatch]>([
  ['outbox index', outboxIndexPatch],
  ['private mode check', privateModeCheckPatch],
  ...outboxHeadPatches.map((patch): [string, DatastoreSourcePatch] => [patch.name, patch]),
])('DataStore patch: %s', (_label, patch) => {
  it('applies to installed module', () => {
    const source = installedSource(patch);
    const result = applyDatastoreSourcePatch(patch, source);
    if ('error' in result) throw new Error(result.error);
    expect(result.code).toContain(patch.replace);
    expect(result.code.length).toBe(source.length - patch.find.length + patch.replace.length);
  });

  it('rejects module without expected code', () => {
    const result = applyDatastoreSourcePatch(patch, 'export const changed = true;');
    expect(result).toEqual({ error: expect.stringContaining(`@aws-amplify/datastore/dist/esm/${patch.module}`) });
  });

  it('rejects expected code found twice', () => {
    const result = applyDatastoreSourcePatch(patch, `${patch.find}\n${patch.find}`);
    expect('error' in result).toBe(true);
  });
});

describe('private mode check patch', () => {
  it('cached result deletes no database', () => {
    const result = applyDatastoreSourcePatch(privateModeCheckPatch, installedSource(privateModeCheckPatch));
    if ('error' in result) throw new Error(result.error);
    const cachedBranch = result.code.slice(result.code.indexOf('if (privateModeCheckResult === true)'));
    expect(cachedBranch.slice(0, cachedBranch.indexOf('}'))).not.toContain('isNotPrivate');
  });
});

describe('outbox index patch', () => {
  it('adds modelId key to MutationEvent', () => {
    const result = applyDatastoreSourcePatch(outboxIndexPatch, installedSource(outboxIndexPatch));
    if ('error' in result) throw new Error(result.error);
    const model = result.code.slice(result.code.indexOf("name: 'MutationEvent'"));
    expect(model.slice(0, 400)).toContain("fields: ['modelId']");
  });
});

describe('outbox head patches', () => {
  function patchedModule(module: string): string {
    let code = readFileSync(path.join(datastoreDist, ...module.split('/')), 'utf8');
    for (const patch of outboxHeadPatches.filter((candidate) => candidate.module === module)) {
      const result = applyDatastoreSourcePatch(patch, code);
      if ('error' in result) throw new Error(result.error);
      code = result.code;
    }
    return code;
  }

  it('apply together to mutation loop', () => {
    const code = patchedModule('sync/processors/mutation.mjs');
    const loop = code.slice(code.indexOf('let nextHead;'), code.indexOf('// pauses itself'));
    // Each round clears the carried head first, so a round that ends without a dequeue peeks again.
    const reset = loop.indexOf('nextHead = undefined;');
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThan(loop.indexOf('const modelAuthModes'));
    expect(loop).toContain('await this.outbox.dequeue(storage, record, operation, head);');
    expect(loop).toContain('nextHead = await this.outbox.peek(storage);');
    expect(loop.match(/this\.outbox\.peek\(/g)).toHaveLength(2);
  });

  it('dequeue uses known head before peeking', () => {
    const code = patchedModule('sync/outbox.mjs');
    const dequeue = code.slice(code.indexOf('async dequeue('), code.indexOf('async peek('));
    expect(dequeue).toContain('const head = knownHead ?? (await this.peek(storage));');
  });
});
