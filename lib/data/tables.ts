import { registerStayIndex } from '../../lambdas/guest-register/register-stay-index';

/**
 * Key schemas of the product's own DynamoDB tables. The data stack deploys them and the local
 * test harness creates the same tables in DynamoDB Local from this one description.
 */
export interface GlobalIndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /**
   * Non-key attributes the index projects.
   * @default every attribute
   */
  readonly projectedAttributes?: readonly string[];
}

export interface TableDefinition {
  /** Construct id in the data stack, and the table name prefix locally. */
  readonly id: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly globalIndexes: readonly GlobalIndexDefinition[];
  /** Attribute holding the expiry in epoch seconds, if the table uses TTL. */
  readonly timeToLiveAttribute?: string;
  /** Environment variable through which handlers receive the table name. */
  readonly environmentVariable: string;
  /**
   * DynamoDB stream view, if a function consumes the table's changes.
   * @default no stream
   */
  readonly streamView?: 'KEYS_ONLY';
}

export const directoryTable: TableDefinition = {
  id: 'Directory',
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    { name: 'byDeviceUser', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // Sparse: only facility items carry `licenceType`. The scheduled report jobs find every
    // 住宅宿泊事業 facility of every tenant through it without a Scan.
    { name: 'byLicenceType', partitionKey: 'licenceType', sortKey: 'pk' },
  ],
  timeToLiveAttribute: 'expiresAt',
  environmentVariable: 'DIRECTORY_TABLE',
};

/** 宿泊者名簿: register entries, check-in idempotency items, tenant data keys and export jobs. */
export const registerTable: TableDefinition = {
  id: 'Register',
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    { name: 'byFacilityArrival', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: registerStayIndex.name, partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projectedAttributes: registerStayIndex.attributes },
  ],
  timeToLiveAttribute: 'expiresAt',
  environmentVariable: 'REGISTER_TABLE',
  // The export worker starts on INSERTs of export jobs and reads the job itself, so the stream
  // carries keys only and never a copy of the sealed guest data.
  streamView: 'KEYS_ONLY',
};

/** Append-only record of every decryption and export of guest PII, per tenant and per user. */
export const auditTable: TableDefinition = {
  id: 'Audit',
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [{ name: 'byUser', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  environmentVariable: 'AUDIT_TABLE',
};

export const productTables = [directoryTable, registerTable, auditTable] as const;
