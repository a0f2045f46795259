import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { requiredEnv } from './browser';

/** The local system's images bucket, for tests that check where sealed images ended up. */
export class ImageBucket {
  private readonly s3 = new S3Client({
    endpoint: requiredEnv('OS_S3_ENDPOINT'),
    region: requiredEnv('OS_REGION'),
    credentials: { accessKeyId: requiredEnv('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: requiredEnv('OS_AWS_SECRET_ACCESS_KEY') },
    forcePathStyle: true,
  });

  /** Returns the keys that start with `prefix`. */
  async keys(prefix: string): Promise<string[]> {
    const listing = await this.s3.send(new ListObjectsV2Command({ Bucket: requiredEnv('OS_IMAGES_BUCKET'), Prefix: prefix }));
    return (listing.Contents ?? []).map((object) => object.Key!);
  }

  destroy(): void {
    this.s3.destroy();
  }
}
