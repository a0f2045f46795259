import { S3Client } from '@aws-sdk/client-s3';

/**
 * S3 client of the container. The SDK reads `AWS_ENDPOINT_URL_S3` itself; a local S3 server
 * on 127.0.0.1 has no bucket subdomains, so path-style addressing is used whenever that
 * variable is set.
 */
export const s3Client = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
