import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { localRegion } from '../ports';
import { KeyStore } from './key-store';
import { createOperations, KmsError } from './operations';

export interface LocalKmsOptions {
  /** Loopback port; 0 picks a free one. */
  readonly port: number;
  /** Directory for the key file (for example `.local/kms`); keys survive restarts. */
  readonly dataDir: string;
  readonly region?: string;
  /** Clock in epoch milliseconds for key creation and deletion dates; tests inject one. */
  readonly now?: () => number;
}

export interface LocalKms {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL_KMS`. */
  readonly endpoint: string;
  /** Number of requests per KMS operation since start or the last reset. */
  calls(): Record<string, number>;
  resetCalls(): void;
  stop(): Promise<void>;
}

const localAccountId = '000000000000';
const maxBodyBytes = 1_000_000;

/**
 * Starts a KMS endpoint on loopback that speaks the AWS JSON 1.1 protocol
 * (`X-Amz-Target: TrentService.<Op>`) for the operations the product uses, so the real
 * `@aws-sdk/client-kms` runs unchanged against it. It does not check request signatures.
 *
 * `GET /__calls` returns the call counts as JSON and `DELETE /__calls` resets them.
 * It logs nothing, so neither plaintext nor key material can reach a log.
 */
export async function startLocalKms(options: LocalKmsOptions): Promise<LocalKms> {
  const store = new KeyStore(options.dataDir, options.region ?? localRegion, localAccountId);
  const now = options.now ?? Date.now;
  const operations = createOperations(store, now);
  let counts: Record<string, number> = {};

  const server = http.createServer((request, response) => {
    if (request.url === '/__calls') {
      if (request.method === 'DELETE') counts = {};
      sendJson(response, 200, counts, 'application/json');
      return;
    }
    readBody(request)
      .then((body) => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const operationName = target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : '';
        const operation = operations[operationName];
        if (request.method !== 'POST' || !operation) {
          throw new KmsError('UnknownOperationException', `Operation ${target || '(no X-Amz-Target)'} is not supported by the local KMS endpoint.`);
        }
        counts[operationName] = (counts[operationName] ?? 0) + 1;
        // Keys whose deletion waiting period has ended are destroyed before the request is handled.
        store.deleteDueKeys(now());
        const input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
        sendJson(response, 200, operation(input));
      })
      .catch((error: unknown) => {
        const kmsError =
          error instanceof KmsError
            ? error
            : error instanceof SyntaxError
              ? new KmsError('SerializationException', 'The request body is not valid JSON.')
              : new KmsError('KMSInternalException', 'The local KMS endpoint failed to process the request.', 500);
        sendJson(response, kmsError.statusCode, { __type: kmsError.type, message: kmsError.message });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => ({ ...counts }),
    resetCalls: () => {
      counts = {};
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new KmsError('ValidationException', `Request body exceeds ${maxBodyBytes} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(
  response: http.ServerResponse,
  statusCode: number,
  body: unknown,
  contentType = 'application/x-amz-json-1.1',
): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
