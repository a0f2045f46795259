import path from 'node:path';
import S3rver from 's3rver';
import { assertPortFree } from './ports-check';

export interface S3Local {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Builds the bucket's CORS configuration: browsers on the web origins may PUT objects through
 * presigned URLs and read the ETag of the response.
 */
function corsConfiguration(allowedOrigins: readonly string[]): string {
  const origins = allowedOrigins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  return `<CORSConfiguration><CORSRule>${origins}<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

/**
 * Starts s3rver in this process with the given buckets, storing objects under `dataDir`.
 * Requests must be signed with `localCredentials` (local/cognito.ts); a presigned URL from the
 * AWS SDK therefore works unchanged. Buckets are addressed by path (`/<bucket>/<key>`) or as
 * `<bucket>.localhost`.
 */
export async function startS3Local(options: {
  port: number;
  dataDir: string;
  buckets: readonly string[];
  allowedOrigins: readonly string[];
}): Promise<S3Local> {
  await assertPortFree(options.port, 's3rver');
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: path.join(options.dataDir),
    silent: true,
    serviceEndpoint: 'localhost',
    configureBuckets: options.buckets.map((name) => ({
      name,
      configs: [corsConfiguration(options.allowedOrigins)],
    })),
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () => server.close(),
  };
}
