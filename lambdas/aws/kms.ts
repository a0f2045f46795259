import { KMSClient } from '@aws-sdk/client-kms';

/** KMS client of the container; `AWS_ENDPOINT_URL_KMS` points it at the local endpoint. */
export const kmsClient = new KMSClient({});
