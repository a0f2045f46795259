import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAllItems } from '../aws/dynamodb-query';
import { facilityPartition } from '../guest-register/register-repository';
import { registerStayIndex } from '../guest-register/register-stay-index';
import { addDays, type JapanDate } from './japan-time';
import type { CountableEntry, StayEntry } from './register-stays';

/**
 * Days before a range's first lodging day in which a stay may have arrived and still be present.
 * NOTE: a stay longer than this that began before the range is missed; no kiosk booking so far
 * runs longer than a year.
 */
export const arrivalLookbackDays = 366;

/** A source of register entries for the counting: the register itself, or a view of it. */
export interface StaySource {
  /** Reads the entries of one facility that may be present on a lodging day in `[firstDay, lastDay]`. */
  entriesTouching(tenantId: string, facilityId: string, firstDay: JapanDate, lastDay: JapanDate): Promise<CountableEntry[]>;
  /** Reads the same entries as `entriesTouching` without their guests, for the day count. */
  staysTouching(tenantId: string, facilityId: string, firstDay: JapanDate, lastDay: JapanDate): Promise<StayEntry[]>;
}

/**
 * Returns whether `entriesTouching` returns this entry for `[firstDay, lastDay]`, that is, it arrived at
 * most `arrivalLookbackDays` before the first day and at most one day after the last, and
 * departed on or after the first day.
 */
export function isEntryTouching(entry: Pick<StayEntry, 'arrivalDate' | 'departureDate'>, firstDay: JapanDate, lastDay: JapanDate): boolean {
  return (
    entry.arrivalDate >= addDays(firstDay, -arrivalLookbackDays) &&
    entry.arrivalDate <= addDays(lastDay, 1) &&
    entry.departureDate >= firstDay
  );
}

/**
 * Reads register entries as the counting needs them: the stay dates, check-in and check-out
 * times, and each guest's id, person key, residence and nationality. No encrypted field is read, so counting
 * needs neither KMS nor an audit record.
 */
export class RegisterStaySource implements StaySource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async entriesTouching(tenantId: string, facilityId: string, firstDay: JapanDate, lastDay: JapanDate): Promise<CountableEntry[]> {
    const entries: CountableEntry[] = [];
    const attributes = [...stayAttributes, 'guests'];
    for await (const item of this.itemsTouching('byFacilityArrival', tenantId, facilityId, firstDay, lastDay, attributes)) {
      entries.push(toCountableEntry(item));
    }
    return entries;
  }

  async staysTouching(tenantId: string, facilityId: string, firstDay: JapanDate, lastDay: JapanDate): Promise<StayEntry[]> {
    const stays: StayEntry[] = [];
    for await (const item of this.itemsTouching(registerStayIndex.name, tenantId, facilityId, firstDay, lastDay, stayAttributes)) {
      stays.push(toStayEntry(item));
    }
    return stays;
  }

  /** Yields the entry items touching `[firstDay, lastDay]` from `indexName`, with the given attributes and `type`. */
  private async *itemsTouching(
    indexName: string,
    tenantId: string,
    facilityId: string,
    firstDay: JapanDate,
    lastDay: JapanDate,
    attributes: readonly string[],
  ): AsyncGenerator<Record<string, unknown>> {
    const items = queryAllItems(this.client, {
      TableName: this.tableName,
      IndexName: indexName,
      KeyConditionExpression: 'gsi1pk = :facility AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':facility': facilityPartition(tenantId, facilityId),
        ':from': `${addDays(firstDay, -arrivalLookbackDays)}#`,
        // A stay arriving the morning after the last lodging day may touch it.
        ':to': `${addDays(lastDay, 1)}#\uffff`,
      },
      ProjectionExpression: ['#type', ...attributes].join(', '),
      ExpressionAttributeNames: { '#type': 'type' },
    });
    for await (const item of items) {
      if (item.type === 'entry' && (item.departureDate as string) >= firstDay) yield item;
    }
  }
}

/** The attributes of an entry that its stay period needs, all projected into the stay index. */
const stayAttributes = registerStayIndex.attributes.filter((name) => name !== 'type');

export function toStayEntry(item: Record<string, unknown>): StayEntry {
  return {
    entryId: item.entryId as string,
    arrivalDate: item.arrivalDate as string,
    departureDate: item.departureDate as string,
    consent: item.consent as StayEntry['consent'],
    checkedInAt: item.checkedInAt as string | undefined,
    checkedOutAt: item.checkedOutAt as string | undefined,
    lastLongStayConfirmedAt: item.lastLongStayConfirmedAt as string | undefined,
  };
}

/** Keeps only the non-PII guest fields, so encrypted names and addresses leave memory at once. */
function toCountableEntry(item: Record<string, unknown>): CountableEntry {
  const guests = (item.guests as CountableEntry['guests'][number][]).map((guest) => ({
    guestId: guest.guestId,
    hasAddressInJapan: guest.hasAddressInJapan,
    nationality: guest.nationality,
    personKey: guest.personKey,
  }));
  return { ...toStayEntry(item), guests };
}
