import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Page } from 'playwright-core';
import { requiredEnv } from './browser';
import { dumpBrowserStorage, waitForPending } from './kiosk-flow';

/** Reads what reached the back end for one facility, from DynamoDB Local. */
export class FacilityArrivals {
  private readonly dynamo: DynamoDBClient;

  constructor(
    private readonly facilityId: string,
    environment: Record<string, string | undefined> = process.env,
  ) {
    const env = (name: string) => environment[name] ?? requiredEnv(name);
    this.dynamo = new DynamoDBClient({
      endpoint: env('OS_DYNAMODB_ENDPOINT'),
      region: env('OS_REGION'),
      credentials: { accessKeyId: env('OS_AWS_ACCESS_KEY_ID'), secretAccessKey: env('OS_AWS_SECRET_ACCESS_KEY') },
    });
    this.checkInTable = env('OS_CHECKIN_TABLE');
    this.registerTable = env('OS_REGISTER_TABLE');
  }

  private readonly checkInTable: string;
  private readonly registerTable: string;

  private async scan(tableName: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.dynamo.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: 'facilityId = :facilityId',
          ExpressionAttributeValues: { ':facilityId': { S: this.facilityId } },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.map((item) => unmarshall(item));
  }

  /** CheckIn records AppSync stored for the facility. */
  async checkIns(): Promise<Record<string, unknown>[]> {
    return this.scan(this.checkInTable);
  }

  /** Register entries (宿泊者名簿) ingested for the facility. */
  async registerEntries(): Promise<Record<string, unknown>[]> {
    return (await this.scan(this.registerTable)).filter((item) => String(item.sk).startsWith('ENTRY#'));
  }

  /** Polls until `count` register entries exist, then returns them; fails after `timeoutMs`. */
  async waitForEntries(count: number, timeoutMs = 180_000): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const entries = await this.registerEntries();
      if (entries.length >= count) return entries;
      if (Date.now() > deadline) {
        throw new Error(`Timed out after ${timeoutMs} ms: ${entries.length} of ${count} register entries for ${this.facilityId}.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  close(): void {
    this.dynamo.destroy();
  }
}

/** Counts the records of each object store of the kiosk's two IndexedDB databases. */
export async function localRecordCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const counts: Record<string, number> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name || !['amplify-datastore', 'open-sesame-sealed-images'].includes(info.name)) continue;
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of Array.from(database.objectStoreNames)) {
        counts[`${info.name}/${storeName}`] = await new Promise<number>((resolve, reject) => {
          const request = database.transaction(storeName).objectStore(storeName).count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      database.close();
    }
    return counts;
  });
}

/** Asserts that every check-in reached the register exactly once and that no guest data is left on the tablet. */
export async function expectArrivedOnce(page: Page, arrivals: FacilityArrivals, count: number, secrets: readonly string[]) {
  const entries = await arrivals.waitForEntries(count);
  await waitForPending(page, 0);
  // A late duplicate delivery would show up as an extra entry within the next poll cycles.
  await new Promise((resolve) => setTimeout(resolve, 5_000));

  const finalEntries = await arrivals.registerEntries();
  expect(finalEntries).toHaveLength(count);
  expect(new Set(finalEntries.map((entry) => entry.checkInId)).size).toBe(count);
  expect(new Set(entries.map((entry) => entry.checkInId))).toEqual(new Set(finalEntries.map((entry) => entry.checkInId)));
  const checkIns = (await arrivals.checkIns()).filter((checkIn) => checkIn._deleted !== true);
  expect(checkIns).toHaveLength(count);

  const storage = await dumpBrowserStorage(page);
  for (const secret of secrets) expect(storage).not.toContain(secret);
  const counts = await localRecordCounts(page);
  const leftovers = Object.entries(counts).filter(([store, records]) => /CheckIn|images|MutationEvent/.test(store) && records > 0);
  expect(leftovers).toEqual([]);
}

/**
 * Reads DataStore's outbox store (`sync_MutationEvent`): its index names, and how many queued
 * mutations its `modelId` index contains (0 when it has no such index).
 */
export async function outboxIndexState(page: Page): Promise<{ indexNames: string[]; queued: number; indexed: number }> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('amplify-datastore');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = (request: IDBRequest<number>) =>
      new Promise<number>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    try {
      const store = database.transaction('sync_MutationEvent').objectStore('sync_MutationEvent');
      const indexNames = Array.from(store.indexNames);
      const queued = await count(store.count());
      const indexed = indexNames.includes('modelId') ? await count(store.index('modelId').count()) : 0;
      return { indexNames, queued, indexed };
    } finally {
      database.close();
    }
  });
}
