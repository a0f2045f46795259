import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import selfsigned from 'selfsigned';

/**
 * Self-signed TLS certificate for localhost and 127.0.0.1, shared by every local HTTPS server.
 * HTTPS is needed because Amplify JS v6 always opens the AppSync realtime socket over `wss://`.
 * Browsers in tests accept it with `ignoreHTTPSErrors`; people accept it once in the browser.
 */
export interface LocalTlsCertificate {
  readonly keyPath: string;
  readonly certPath: string;
  readonly key: string;
  readonly cert: string;
}

/** Cache folder of the certificate, relative to the repository root. */
export const defaultTlsDir = path.join(__dirname, '..', '.local', 'tls');

/** Renewal margin: a cached certificate that expires sooner than this is replaced. */
const renewBeforeExpiryMs = 7 * 24 * 60 * 60 * 1000;

/**
 * Returns the cached certificate from `dir` (default `.local/tls/`), creating it when it is
 * missing, unreadable, or expires within 7 days. Valid for 365 days from creation.
 */
export async function ensureLocalTlsCertificate(dir = defaultTlsDir): Promise<LocalTlsCertificate> {
  const keyPath = path.join(dir, 'localhost-key.pem');
  const certPath = path.join(dir, 'localhost-cert.pem');

  const cached = await readCertificate(keyPath, certPath);
  if (cached) return cached;

  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { keyPath, certPath, key: pems.private, cert: pems.cert };
}

async function readCertificate(keyPath: string, certPath: string): Promise<LocalTlsCertificate | undefined> {
  try {
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    const validTo = new Date(new X509Certificate(cert).validTo).getTime();
    if (validTo - Date.now() < renewBeforeExpiryMs) return undefined;
    return { keyPath, certPath, key, cert };
  } catch {
    // Missing or corrupt files: the caller creates a new certificate.
    return undefined;
  }
}
