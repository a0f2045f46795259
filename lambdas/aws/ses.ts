import { SESClient } from '@aws-sdk/client-ses';

/** SES client of the container; `AWS_ENDPOINT_URL_SES` points it at aws-ses-v2-local. */
export const sesClient = new SESClient({});
