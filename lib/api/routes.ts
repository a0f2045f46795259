import { registerPdfBundledFiles } from '../../lambdas/guest-register/register-pdf-bundled-files';
import type { BindingAccess } from './resource-bindings';

/**
 * HTTP routes of the admin and kiosk API. The CDK api stack deploys exactly these, and the
 * local API gateway serves exactly these, so the two runtimes cannot drift apart.
 */
export type RouteAuth =
  /** Cognito JWT of a head-office user (groups owner, manager or staff). */
  | 'operator'
  /** Cognito JWT of a paired kiosk device (group kiosk). */
  | 'device'
  /** No JWT: the one-time pairing code in the body is the credential. */
  | 'pairing-code';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path with `{param}` placeholders. */
  readonly path: string;
  /** Handler source, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly auth: RouteAuth;
  /** Resources the handler reaches; the api stack grants and wires exactly these. */
  readonly uses: readonly RouteResource[];
  /**
   * Access the api stack grants to each resource of `uses` (see `bindResource`). By default it
   * is `read` for GET and `write` for the other methods.
   */
  readonly access?: BindingAccess;
  /** Lambda timeout; default 10 s. API Gateway ends any request after 30 s. */
  readonly timeoutSeconds?: number;
  /** Files copied next to the bundled handler, such as a font; `source` is relative to the repository root. */
  readonly bundledFiles?: readonly BundledFile[];
  /** Node.js options the function starts with, passed as `NODE_OPTIONS`. */
  readonly nodeOptions?: string;
}

export interface BundledFile {
  readonly source: string;
  /** File name beside the handler's index.js. */
  readonly name: string;
}

export type RouteResource =
  | 'directoryTable'
  | 'registerTable'
  /** The Audit table for writing: PutItem only, so handlers append and never change a record. */
  | 'auditTable'
  /** The Audit table for reading: Query on the table and its byUser index, nothing else. */
  | 'auditTableReader'
  | 'imagesBucket'
  /** The `register/` prefix of the images bucket for reading: GetObject only, for printing passport copies. */
  | 'registerImagesReader'
  /** The `exports/` prefix of the images bucket, where register exports wait a day for download. */
  | 'registerExports'
  | 'piiKey'
  | 'kioskSealingKey'
  | 'userPool'
  /** The same user pool, for inviting, changing and disabling head-office users. */
  | 'operatorAccounts'
  /**
   * The same user pool, read only: whether a user has TOTP turned on. Every operator route has
   * it (see `boundResources`), because the access resolver checks owners in prod on each request.
   */
  | 'mfaStatus'
  /** The same user pool, for deleting a tenant's head-office and kiosk users at offboarding. */
  | 'accountDeletion'
  | 'mail'
  /** The admin-web URL, for links in mail. */
  | 'adminWeb'
  /** The address to which support requests of head-office users are mailed. */
  | 'supportAddress'
  /** The Register table for tenant offboarding: Query a tenant's items and BatchWriteItem to delete them. */
  | 'registerDeletion'
  /** The Register table for the retention job: Scan for expired items and BatchWriteItem to delete them. */
  | 'registerRetention'
  /** The `register/` prefix of the images bucket for listing and deleting images. */
  | 'registerImagesDeletion'
  /** Scheduling a tenant's KMS key for deletion and removing its alias (tenant offboarding). */
  | 'tenantKeyDeletion'
  /** The AppSync CheckIn table for ingest: UpdateItem only, to set a record's `_ttl` once its entry is stored. */
  | 'checkInExpiry'
  /** The AppSync CheckIn table for check-in handover: GetItem only, to read one record by id. */
  | 'checkInReader'
  /** The `incoming/` prefix of the images bucket for copying: GetObject and PutObject, to move a sealed image from one device's prefix to another's. */
  | 'incomingImagesCopy'
  /** The AppSync CheckIn table for the retention job: BatchWriteItem to delete the records of purged entries. */
  | 'checkInRetention'
  /** The AppSync CheckIn table for tenant offboarding: Scan for the records of the tenant's kiosks and BatchWriteItem to delete them. */
  | 'checkInDeletion';

/** Resources that `ingestCheckIn` reaches, each bound at the `ingest` access level. */
const ingestResources: readonly RouteResource[] = [
  'directoryTable',
  'registerTable',
  'imagesBucket',
  'piiKey',
  'kioskSealingKey',
  'mail',
  'checkInExpiry',
];

export const routes: readonly Route[] = [
  {
    method: 'POST',
    path: '/devices/pair',
    entry: 'lambdas/device/pair-device.ts',
    auth: 'pairing-code',
    uses: ['directoryTable', 'kioskSealingKey', 'userPool'],
  },
  {
    method: 'POST',
    path: '/check-ins/{checkInId}/image-uploads',
    entry: 'lambdas/check-in/create-image-upload.ts',
    auth: 'device',
    uses: ['directoryTable', 'imagesBucket'],
  },
  {
    // Ingests a revoked device's check-in with the images a re-paired kiosk kept, so it needs
    // the stream consumer's resources at its access level.
    method: 'POST',
    path: '/check-ins/{checkInId}/handover',
    entry: 'lambdas/check-in/hand-over-check-in.ts',
    auth: 'device',
    uses: [...ingestResources, 'checkInReader', 'incomingImagesCopy'],
    access: 'ingest',
    // Ingest opens the seal with KMS and re-encrypts every image, and API Gateway ends requests after 30 s.
    timeoutSeconds: 29,
  },
  {
    method: 'POST',
    path: '/devices/heartbeat',
    entry: 'lambdas/device/report-heartbeat.ts',
    auth: 'device',
    uses: ['directoryTable'],
  },
  {
    method: 'GET',
    path: '/facilities/{facilityId}/devices',
    entry: 'lambdas/device/list-devices.ts',
    auth: 'operator',
    uses: ['directoryTable'],
  },
  {
    method: 'POST',
    path: '/devices/{deviceId}/rename',
    entry: 'lambdas/device/rename-device.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable'],
  },
  {
    method: 'POST',
    path: '/devices/{deviceId}/revoke',
    entry: 'lambdas/device/revoke-device.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable', 'userPool'],
  },
  {
    method: 'GET',
    path: '/me',
    entry: 'lambdas/organisation/get-me.ts',
    auth: 'operator',
    uses: ['directoryTable'],
  },
  {
    method: 'POST',
    path: '/me/mfa',
    entry: 'lambdas/organisation/record-mfa.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable', 'operatorAccounts'],
  },
  {
    method: 'GET',
    path: '/facilities',
    entry: 'lambdas/facility/list-facilities.ts',
    auth: 'operator',
    uses: ['directoryTable'],
  },
  {
    method: 'POST',
    path: '/facilities',
    entry: 'lambdas/facility/create-facility.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable'],
  },
  {
    method: 'GET',
    path: '/facilities/{facilityId}',
    entry: 'lambdas/facility/get-facility.ts',
    auth: 'operator',
    uses: ['directoryTable'],
  },
  {
    method: 'PUT',
    path: '/facilities/{facilityId}',
    entry: 'lambdas/facility/update-facility.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable'],
  },
  {
    method: 'POST',
    path: '/facilities/{facilityId}/archive',
    entry: 'lambdas/facility/archive-facility.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable', 'userPool'],
  },
  {
    method: 'GET',
    path: '/facility-imports/template',
    entry: 'lambdas/facility/get-facility-import-template.ts',
    auth: 'operator',
    uses: ['directoryTable'],
  },
  {
    method: 'POST',
    path: '/facility-imports/preview',
    entry: 'lambdas/facility/preview-facility-import.ts',
    auth: 'operator',
    uses: ['directoryTable'],
    timeoutSeconds: 29,
  },
  {
    method: 'POST',
    path: '/facility-imports',
    entry: 'lambdas/facility/import-facilities.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable'],
    timeoutSeconds: 29,
  },
  {
    method: 'GET',
    path: '/offices',
    entry: 'lambdas/organisation/list-offices.ts',
    auth: 'operator',
    uses: ['directoryTable'],
  },
  {
    method: 'POST',
    path: '/offices',
    entry: 'lambdas/organisation/create-office.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable'],
  },
  {
    method: 'PUT',
    path: '/offices/{officeId}',
    entry: 'lambdas/organisation/rename-office.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable'],
  },
  {
    method: 'GET',
    path: '/users',
    entry: 'lambdas/organisation/list-users.ts',
    auth: 'operator',
    uses: ['directoryTable'],
  },
  {
    method: 'POST',
    path: '/users',
    entry: 'lambdas/organisation/invite-user.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable', 'operatorAccounts', 'mail', 'adminWeb'],
  },
  {
    method: 'PUT',
    path: '/users/{userId}',
    entry: 'lambdas/organisation/update-user.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable', 'operatorAccounts'],
  },
  {
    method: 'GET',
    path: '/tenant/settings',
    entry: 'lambdas/organisation/get-tenant-settings.ts',
    auth: 'operator',
    uses: ['directoryTable'],
  },
  {
    method: 'PUT',
    path: '/tenant/ip-allowlist',
    entry: 'lambdas/organisation/update-ip-allowlist.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable'],
  },
  {
    method: 'POST',
    path: '/facilities/{facilityId}/pairing-codes',
    entry: 'lambdas/device/create-pairing-code.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTable'],
  },
  {
    method: 'GET',
    path: '/register',
    entry: 'lambdas/guest-register/list-register-entries.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable', 'auditTable', 'piiKey'],
  },
  {
    method: 'GET',
    path: '/register/{entryId}',
    entry: 'lambdas/guest-register/get-register-entry.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable', 'auditTable', 'piiKey'],
  },
  {
    method: 'GET',
    path: '/register/{entryId}/images/{imageId}',
    entry: 'lambdas/guest-register/get-guest-image.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable', 'auditTable', 'imagesBucket', 'piiKey'],
  },
  {
    method: 'PATCH',
    path: '/register/{entryId}',
    entry: 'lambdas/guest-register/correct-register-entry.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable', 'auditTable', 'piiKey'],
  },
  {
    method: 'POST',
    path: '/register/{entryId}/long-stay-confirmations',
    entry: 'lambdas/guest-register/confirm-long-stay.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable', 'auditTable'],
  },
  {
    method: 'GET',
    path: '/long-stays',
    entry: 'lambdas/guest-register/list-long-stays.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable'],
  },
  {
    method: 'POST',
    path: '/register/exports',
    entry: 'lambdas/guest-register/create-register-export.ts',
    auth: 'operator',
    // Only queues the job; registerExportWorker writes the file.
    uses: ['directoryTable', 'registerTable'],
  },
  {
    method: 'POST',
    path: '/register/pdf-exports',
    entry: 'lambdas/guest-register/create-register-pdf-export.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable'],
  },
  {
    method: 'GET',
    path: '/register/exports/{exportId}',
    entry: 'lambdas/guest-register/get-register-export.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable', 'registerExports'],
  },
  {
    method: 'GET',
    path: '/reports/periodic',
    entry: 'lambdas/reports/list-periodic-reports.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable'],
  },
  {
    method: 'PUT',
    path: '/reports/periodic/{facilityId}/{periodId}/status',
    entry: 'lambdas/reports/update-periodic-report-status.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable'],
  },
  {
    method: 'GET',
    path: '/reports/periodic/export',
    entry: 'lambdas/reports/export-periodic-reports.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable'],
  },
  {
    method: 'GET',
    path: '/reports/annual-days',
    entry: 'lambdas/reports/get-annual-day-counts.ts',
    auth: 'operator',
    uses: ['directoryTable', 'registerTable'],
  },
  {
    method: 'GET',
    path: '/audit-log',
    entry: 'lambdas/guest-register/list-audit-records.ts',
    auth: 'operator',
    uses: ['directoryTable', 'auditTableReader'],
  },
  {
    method: 'POST',
    path: '/support/requests',
    entry: 'lambdas/support/send-support-request.ts',
    auth: 'operator',
    uses: ['directoryTable', 'mail', 'supportAddress'],
  },
];

/** The DynamoDB stream consumer that turns synced kiosk check-ins into register entries. */
export const checkInIngest = {
  entry: 'lambdas/check-in/ingest-check-in.ts',
  uses: ingestResources,
} as const;

/**
 * The worker that writes register exports (CSV and PDF). The api stack starts it from the
 * Register table's stream on each INSERT of an export job, which the two POST routes above queue.
 */
export const registerExportWorker = {
  entry: 'lambdas/guest-register/run-register-export.ts',
  uses: ['registerTable', 'auditTable', 'piiKey', 'registerExports', 'registerImagesReader'] as readonly RouteResource[],
  // Lambda's maximum. The PDF of 10,000 stays took 534 s on a laptop (bench/README.md).
  timeoutMinutes: 15,
  // The PDF export peaked at 225 MB RSS under the heap limit below (bench/README.md). Lambda
  // allocates CPU in proportion to memory, so the rest buys CPU for downscaling passport copies.
  memorySize: 1024,
  bundledFiles: registerPdfBundledFiles,
  moduleReplacements: { 'brotli/decompress.js': 'lambdas/guest-register/woff2-unsupported.ts' },
  // Decoding and encoding passport copies leaves megabytes of garbage per image. Without a heap
  // limit V8 collects it late, and the export of 10,000 stays peaks above 256 MB (bench/README.md).
  // Node.js 24 also lets the young generation grow to about 200 MB beside a 96 MB old space
  // (heap_size_limit 302 MB), so the semi-spaces are capped at 2 MB too (limit 107 MB).
  nodeOptions: '--max-old-space-size=96 --max-semi-space-size=2',
} as const;

/** A function that EventBridge runs on a schedule. */
export interface ScheduledJob {
  readonly entry: string;
  readonly description: string;
  /** Cron fields in UTC; 00:00 UTC is 09:00 in Japan. */
  readonly cronUtc: { readonly minute: string; readonly hour: string };
  /** Resources the job reads. */
  readonly uses: readonly RouteResource[];
  /** Resources of `uses` it also writes. */
  readonly writes: readonly RouteResource[];
}

export const scheduledJobs: readonly ScheduledJob[] = [
  {
    entry: 'lambdas/reports/send-report-notices.ts',
    description: 'Mails 定期報告 reminders 7 days before each due date, 180-day cap warnings and long-stay confirmation reminders',
    cronUtc: { minute: '0', hour: '0' },
    uses: ['directoryTable', 'registerTable', 'mail'],
    // Notice markers that keep a repeated run from mailing twice.
    writes: ['registerTable'],
  },
  {
    entry: 'lambdas/guest-register/purge-expired-register.ts',
    description: 'Deletes register entries and their images 3 years after creation (住宅宿泊事業法 施行規則 第7条)',
    // 03:00 in Japan, outside check-in hours.
    cronUtc: { minute: '0', hour: '18' },
    uses: ['registerRetention', 'registerImagesDeletion', 'auditTable', 'checkInRetention'],
    writes: ['registerRetention', 'registerImagesDeletion', 'auditTable', 'checkInRetention'],
  },
];

/**
 * A function that platform operators invoke by hand (`aws lambda invoke`), with no route and no
 * schedule. The api stack outputs its name.
 */
export interface OperationsFunction {
  readonly entry: string;
  readonly description: string;
  /** Name of the stack output that contains the function name. */
  readonly outputName: string;
  readonly uses: readonly RouteResource[];
  readonly timeoutMinutes: number;
}

export const operationsFunctions: readonly OperationsFunction[] = [
  {
    entry: 'lambdas/guest-pii/offboard-tenant.ts',
    description: "Offboards a tenant: schedules its KMS key for deletion, deletes its register data and its Cognito users",
    outputName: 'OffboardTenantFunctionName',
    uses: ['directoryTable', 'registerDeletion', 'registerImagesDeletion', 'tenantKeyDeletion', 'auditTable', 'checkInDeletion', 'accountDeletion'],
    timeoutMinutes: 15,
  },
];

/**
 * Resources the api stack binds to a route's handler: its `uses`, and `mfaStatus` for every
 * operator route, whose access check reads the caller's MFA settings from Cognito.
 */
export function boundResources(route: Route): RouteResource[] {
  const resources = [...route.uses];
  if (route.auth === 'operator' && !resources.includes('mfaStatus')) resources.push('mfaStatus');
  return resources;
}
