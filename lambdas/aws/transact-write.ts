import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** One write of a TransactWriteItems request, in the document client's shape. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A ConditionCheck of a TransactWriteItems request: it writes nothing, and the transaction fails unless its condition is met. */
export type ConditionCheckItem = Required<Pick<TransactItem, 'ConditionCheck'>>;

/**
 * Builder of the writes that must be stored with a change, given the changed record. A
 * repository method that takes one commits these writes in the transaction of the change.
 */
export type Attach<Result> = (result: Result) => readonly TransactItem[];

/**
 * Writes a change together with the writes attached to it, such as the audit record of an admin
 * change, in one TransactWriteItems request: either all of them are stored or none.
 *
 * A change of one item without attached writes goes out as a plain Put, Update or Delete. In a
 * transaction, a failed condition on one of the change's own items is raised as
 * `ConditionalCheckFailedException`, as the plain write raises it, so callers keep one check for both.
 * The error names the failed item in `failedItemIndex`.
 */
export async function writeWithAttached(
  client: DynamoDBDocumentClient,
  change: readonly TransactItem[],
  attached: readonly TransactItem[] = [],
): Promise<void> {
  if (change.length === 1 && attached.length === 0) {
    await sendSingle(client, change[0]);
    return;
  }
  try {
    await client.send(new TransactWriteCommand({ TransactItems: [...change, ...attached] }));
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    const failedItemIndex = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    if (failedItemIndex >= 0 && failedItemIndex < change.length) {
      throw Object.assign(
        new ConditionalCheckFailedException({ message: `The conditional request failed on item ${failedItemIndex}`, $metadata: {} }),
        { failedItemIndex },
      );
    }
    throw error;
  }
}

async function sendSingle(client: DynamoDBDocumentClient, item: TransactItem): Promise<void> {
  if (item.Put) await client.send(new PutCommand(item.Put));
  else if (item.Update) await client.send(new UpdateCommand(item.Update));
  else if (item.Delete) await client.send(new DeleteCommand(item.Delete));
  else throw new Error('A change of one item must be a Put, Update or Delete');
}

/** Index of the item whose condition failed, as `writeWithAttached` reports it; 0 for a plain write. */
export function failedItemIndex(error: unknown): number | undefined {
  if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') return undefined;
  const index = (error as { failedItemIndex?: unknown }).failedItemIndex;
  return typeof index === 'number' ? index : 0;
}
