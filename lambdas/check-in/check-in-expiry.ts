/**
 * TTL attribute of the CheckIn table, in epoch seconds. AppSync's versioned data source already
 * expires deleted records by `_ttl`, and a DynamoDB table has only one TTL attribute.
 */
export const checkInTtlAttribute = '_ttl';

/**
 * Days a check-in record (with its `sealed` payload) stays in the CheckIn table after its
 * register entry is stored. The kiosk's last `imagesUploaded` update still finds the record in
 * that time, and afterwards the register entry is the only lasting copy.
 */
export const checkInDaysAfterIngest = 7;
