import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devEnvironmentFile, devStateDir, prepareDevStateDir } from '../../local/state-dir';

describe('dev state directory per port offset', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'state-dir-test-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test('offset 0 keeps .local/state; another offset gets a directory of its own', () => {
    expect(devStateDir(0, root)).toBe(path.join(root, '.local', 'state'));
    expect(devStateDir(9000, root)).toBe(path.join(root, '.local', 'state-9000'));
    expect(devEnvironmentFile(9000, root)).toBe(path.join(root, '.local', 'state-9000', 'environment.json'));
    expect(devEnvironmentFile(0, root)).not.toBe(devEnvironmentFile(9000, root));
  });

  test('preparing one offset leaves the state of another offset alone', () => {
    prepareDevStateDir(0, root);
    writeFileSync(devEnvironmentFile(0, root), '{"OS_API_URL":"first"}\n');
    writeFileSync(path.join(devStateDir(0, root), 'data.bin'), 'kept');

    const second = prepareDevStateDir(9000, root);
    writeFileSync(devEnvironmentFile(9000, root), '{"OS_API_URL":"second"}\n');

    expect(second).toBe(devStateDir(9000, root));
    expect(readFileSync(devEnvironmentFile(0, root), 'utf8')).toContain('first');
    expect(readFileSync(path.join(devStateDir(0, root), 'data.bin'), 'utf8')).toBe('kept');
  });

  test('preparing an offset again starts it from an empty directory', () => {
    prepareDevStateDir(9000, root);
    writeFileSync(path.join(devStateDir(9000, root), 'data.bin'), 'old run');

    prepareDevStateDir(9000, root);

    expect(existsSync(path.join(devStateDir(9000, root), 'data.bin'))).toBe(false);
    expect(existsSync(devStateDir(9000, root))).toBe(true);
  });
});
