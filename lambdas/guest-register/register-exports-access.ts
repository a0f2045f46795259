import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { documentClient } from '../aws/dynamodb';
import { s3Client } from '../aws/s3';
import { readEnvironment } from '../runtime/environment';
import { RegisterExportJobs } from './register-export-jobs';

/** Config and clients shared by the register export handlers, created once per container. */
const env = readEnvironment(['REGISTER_TABLE', 'EXPORTS_BUCKET']);
export const exportsBucket = env.EXPORTS_BUCKET;
export const exportJobs = new RegisterExportJobs(documentClient, env.REGISTER_TABLE);

/** Seconds a download URL stays valid; the file itself expires after a day. */
export const downloadUrlSeconds = 300;

export function signDownloadUrl(objectKey: string): Promise<string> {
  return getSignedUrl(s3Client, new GetObjectCommand({ Bucket: exportsBucket, Key: objectKey }), { expiresIn: downloadUrlSeconds });
}
