import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { datastoreOutboxHead } from './build/datastore-outbox-head';
import { datastoreOutboxIndex } from './build/datastore-outbox-index';
import { datastorePrivateModeCheck } from './build/datastore-private-mode-check';

const kioskRoot = fileURLToPath(new URL('.', import.meta.url));

/** `<package.json version>+<short commit>`, reported by the kiosk in its heartbeat. */
function readAppVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: kioskRoot, encoding: 'utf8' }).trim();
    return `${version}+${commit}`;
  } catch {
    // A build outside a git checkout (a source archive) has no commit to report.
    return version;
  }
}

/**
 * Builds the kiosk PWA into kiosk/dist. The service worker precaches the app shell so the
 * kiosk starts without a network; it never caches API, GraphQL or config responses, because
 * those are either per-device or would hold guest data.
 */
export default defineConfig({
  root: kioskRoot,
  base: '/',
  publicDir: 'public',
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(process.env.VITE_APP_VERSION ?? readAppVersion()),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  plugins: [
    datastoreOutboxIndex(),
    datastorePrivateModeCheck(),
    ...datastoreOutboxHead(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/config\.json$/],
        // The Amplify chunk is larger than Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        runtimeCaching: [],
        // Take control of the open page at once, so the kiosk reloads offline right after its
        // first visit.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
});
