import { readFileSync } from 'node:fs';
import path from 'node:path';
import { outboxIndexPatch } from '../../kiosk/build/datastore-outbox-index';
import { privateModeCheckPatch } from '../../kiosk/build/datastore-private-mode-check';
import { applyDatastoreSourcePatch, type DatastoreSourcePatch } from '../../kiosk/build/datastore-source-patch';

const datastoreDist = path.join(path.dirname(require.resolve('@aws-amplify/datastore/package.json')), 'dist', 'esm');

function installedSource(patch: DatastoreSourcePatch): string {
  return readFileSync(path.join(datastoreDist, ...patch.module.split('/')), 'utf8');
}

describe.each([
  ['outbox index', outboxIndexPatch],
  ['private mode check', privateModeCheckPatch],
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
