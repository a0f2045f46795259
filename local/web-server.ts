import { createReadStream, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import path from 'node:path';
import { assertPortFree } from './ports-check';

/** The `/config.json` contract both web apps validate at start (docs/architecture.md). */
export interface WebAppConfig {
  readonly stage: string;
  readonly region: string;
  readonly apiUrl: string;
  readonly graphqlUrl: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly cognitoEndpoint?: string;
}

export interface LocalWebServer {
  readonly url: string;
  stop(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves a built web app like its CloudFront distribution: files from `rootDir`, `index.html`
 * for any other path (SPA fallback), and the generated `/config.json`. With `tls` it serves
 * HTTPS, which the kiosk needs for Web Crypto, the camera and the service worker on a tablet.
 */
export async function startWebServer(options: {
  name: string;
  port: number;
  rootDir: string;
  config: WebAppConfig;
  tls?: { key: string; cert: string };
}): Promise<LocalWebServer> {
  await assertPortFree(options.port, options.name);
  const configBody = JSON.stringify(options.config);
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : configBody);
      return;
    }
    const requested = path.resolve(options.rootDir, `.${path.posix.normalize(pathname)}`);
    const insideRoot = requested.startsWith(path.resolve(options.rootDir) + path.sep);
    const file = insideRoot && isFile(requested) ? requested : path.join(options.rootDir, 'index.html');
    const extension = path.extname(file);
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    response.writeHead(200, {
      'content-type': contentTypes[extension] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  };
  const server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `${options.tls ? 'https' : 'http'}://localhost:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
