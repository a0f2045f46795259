/**
 * Shifts every default port, so that two checkouts (or two people on one machine) can run side by
 * side: OS_PORT_OFFSET=1000 moves DynamoDB Local to 9000 and so on.
 */
export const portOffset = Number(process.env.OS_PORT_OFFSET ?? 0);

/** Loopback ports of the local system. Each can be moved with the named environment variable. */
export const localPorts = {
  dynamodb: Number(process.env.OS_PORT_DYNAMODB ?? 8000 + portOffset),
  kms: Number(process.env.OS_PORT_KMS ?? 4599 + portOffset),
  cognito: Number(process.env.OS_PORT_COGNITO ?? 9229 + portOffset),
  ses: Number(process.env.OS_PORT_SES ?? 8005 + portOffset),
  s3: Number(process.env.OS_PORT_S3 ?? 4569 + portOffset),
  appsync: Number(process.env.OS_PORT_APPSYNC ?? 20002 + portOffset),
  appsyncWebSocket: Number(process.env.OS_PORT_APPSYNC_WS ?? 20003 + portOffset),
  api: Number(process.env.OS_PORT_API ?? 3001 + portOffset),
  kiosk: Number(process.env.OS_PORT_KIOSK ?? 5443 + portOffset),
  admin: Number(process.env.OS_PORT_ADMIN ?? 5174 + portOffset),
} as const;

export const localRegion = 'ap-northeast-1';
