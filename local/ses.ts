import startSesServer from 'aws-ses-v2-local';
import type { Server } from 'node:http';
import { assertPortFree } from './ports-check';

export interface SesLocal {
  /** SES API endpoint; the same URL serves the page that lists sent mail. */
  readonly endpoint: string;
  readonly mailboxUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local in this process. It accepts SendEmail and SendRawEmail (v1 and v2
 * APIs), keeps sent mail in memory and lists it on its root page; it receives no mail.
 */
export async function startSesLocal(port: number): Promise<SesLocal> {
  await assertPortFree(port, 'aws-ses-v2-local');
  const server: Server = await startSesServer({ host: '127.0.0.1', port });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    mailboxUrl: `http://localhost:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
