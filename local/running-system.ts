import { existsSync, readFileSync } from 'node:fs';
import { devEnvironmentFile } from './state-dir';

/**
 * Points handlers loaded in this process at the emulators of the system that `npm start` runs,
 * with the variables the local runner gives its Lambda functions. Call it before importing a
 * handler, because handlers read their environment when they load.
 */
export function useRunningLocalSystem(): void {
  // The file of the system started with this shell's OS_PORT_OFFSET.
  const environmentFile = devEnvironmentFile();
  if (!existsSync(environmentFile)) {
    throw new Error(`${environmentFile} not found: start the local system with npm start (and the same OS_PORT_OFFSET) first.`);
  }
  const system = JSON.parse(readFileSync(environmentFile, 'utf8')) as Record<string, string>;
  Object.assign(process.env, {
    AWS_REGION: system.OS_REGION,
    AWS_ACCESS_KEY_ID: system.OS_AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: system.OS_AWS_SECRET_ACCESS_KEY,
    AWS_ENDPOINT_URL_DYNAMODB: system.OS_DYNAMODB_ENDPOINT,
    AWS_ENDPOINT_URL_KMS: system.OS_KMS_ENDPOINT,
    AWS_ENDPOINT_URL_S3: system.OS_S3_ENDPOINT,
    DIRECTORY_TABLE: system.OS_DIRECTORY_TABLE,
    REGISTER_TABLE: system.OS_REGISTER_TABLE,
    AUDIT_TABLE: system.OS_AUDIT_TABLE,
    CHECKIN_TABLE: system.OS_CHECKIN_TABLE,
    IMAGES_BUCKET: system.OS_IMAGES_BUCKET,
    TENANT_KEY_ALIAS_PREFIX: system.OS_TENANT_KEY_ALIAS_PREFIX,
    STAGE: system.OS_STAGE,
  });
}
