import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The kiosk and admin-web that the e2e tests run against were built by the local system under
 * Jest, which sets NODE_ENV=test. They must still be production builds: React's development
 * build is half again as large and is not what tablets and head offices get.
 */

const repositoryRoot = path.join(__dirname, '..', '..');

describe.each(['kiosk', 'admin-web'])('%s build', (app) => {
  test('bundles React for production', () => {
    const assets = path.join(repositoryRoot, app, 'dist', 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));

    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const source = readFileSync(path.join(assets, script), 'utf8');
      expect({ script, developmentBuild: source.includes('jsxDEV') }).toEqual({ script, developmentBuild: false });
    }
  });
});
