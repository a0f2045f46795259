import path from 'node:path';
import { repositoryRoot } from './build-steps';
import { ensureLocalTlsCertificate } from './tls';
import { startWebServer, type WebAppConfig } from './web-server';

export interface LocalWebApps {
  readonly kioskUrl: string;
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Serves kiosk/dist over HTTPS (the shared localhost certificate of local/tls.ts) and
 * admin-web/dist over HTTP, each with its generated `/config.json`. Build them first.
 */
export async function startWebApps(options: {
  kioskPort: number;
  adminPort: number;
  kioskConfig: WebAppConfig;
  adminConfig: WebAppConfig;
  log: (line: string) => void;
}): Promise<LocalWebApps> {
  const tls = await ensureLocalTlsCertificate();
  const kiosk = await startWebServer({
    name: 'the kiosk web server',
    port: options.kioskPort,
    rootDir: path.join(repositoryRoot, 'kiosk', 'dist'),
    config: options.kioskConfig,
    tls: { key: tls.key, cert: tls.cert },
  });
  try {
    const admin = await startWebServer({
      name: 'the admin-web server',
      port: options.adminPort,
      rootDir: path.join(repositoryRoot, 'admin-web', 'dist'),
      config: options.adminConfig,
    });
    return {
      kioskUrl: kiosk.url,
      adminUrl: admin.url,
      stop: async () => {
        await Promise.all([kiosk.stop(), admin.stop()]);
      },
    };
  } catch (error) {
    await kiosk.stop();
    throw error;
  }
}
