/** Loopback ports of the local system. Each can be moved with the named environment variable. */
export const localPorts = {
  dynamodb: Number(process.env.OS_PORT_DYNAMODB ?? 8000),
  kms: Number(process.env.OS_PORT_KMS ?? 4599),
  cognito: Number(process.env.OS_PORT_COGNITO ?? 9229),
  ses: Number(process.env.OS_PORT_SES ?? 8005),
  s3: Number(process.env.OS_PORT_S3 ?? 4569),
  appsync: Number(process.env.OS_PORT_APPSYNC ?? 20002),
  appsyncWebSocket: Number(process.env.OS_PORT_APPSYNC_WS ?? 20003),
  api: Number(process.env.OS_PORT_API ?? 3001),
  kiosk: Number(process.env.OS_PORT_KIOSK ?? 5443),
  admin: Number(process.env.OS_PORT_ADMIN ?? 5174),
} as const;

export const localRegion = 'ap-northeast-1';
