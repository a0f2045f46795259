import type { Plugin } from 'vite';
import { datastoreSourcePatch, type DatastoreSourcePatch } from './datastore-source-patch';

const recheck =
  'check whether the mutation loop still reads the outbox head again in dequeue() and after it (version 5.1.13 read it three times per sent mutation).';

/** The head of the send loop in `MutationProcessor.resume()` of DataStore 5.1.13. */
const loopHead = `                while (this.processing &&
                    this.runningProcesses.isOpen &&
                    (head = await this.outbox.peek(this.storage)) !== undefined) {
`;

/** The dequeue after a response, in the same loop. */
const dequeueAfterResponse = `                        await this.outbox.dequeue(storage, record, operation);
                        hasMore = (await this.outbox.peek(storage)) !== undefined;
`;

/** The start of `MutationEventOutbox.dequeue()`. */
const dequeueStart = `    async dequeue(storage, record, recordOp) {
        const head = await this.peek(storage);
`;

/**
 * DataStore 5.1.13 peeks at its outbox three times for every mutation it sends: at the top of
 * the send loop, again in `dequeue()` after the response, and once more to tell whether more
 * mutations wait. That last peek reads the head that the next round peeks again. Each peek is an
 * IndexedDB transaction between one response and the next request, so a drain of queued
 * check-ins waits for them one after another.
 *
 * These patches hand the head the loop already holds to `dequeue()`, and start the next round
 * with the head read for `hasMore`. Both stay valid: a peek marks its head as in progress, so
 * `enqueue()` no longer merges new mutations into it, and new mutations queue behind it. A round
 * that ends without dequeuing (retry, conflict rewrite, offline) peeks again as before.
 */
export const outboxHeadPatches: readonly DatastoreSourcePatch[] = [
  {
    name: 'datastore-outbox-head-loop',
    module: 'sync/processors/mutation.mjs',
    find: loopHead,
    replace: `                let nextHead;
                while (this.processing &&
                    this.runningProcesses.isOpen &&
                    (head = nextHead ?? (await this.outbox.peek(this.storage))) !== undefined) {
                    nextHead = undefined;
`,
    recheck,
  },
  {
    name: 'datastore-outbox-head-dequeue-call',
    module: 'sync/processors/mutation.mjs',
    find: dequeueAfterResponse,
    replace: `                        await this.outbox.dequeue(storage, record, operation, head);
                        nextHead = await this.outbox.peek(storage);
                        hasMore = nextHead !== undefined;
`,
    recheck,
  },
  {
    name: 'datastore-outbox-head-dequeue',
    module: 'sync/outbox.mjs',
    find: dequeueStart,
    replace: `    async dequeue(storage, record, recordOp, knownHead) {
        const head = knownHead ?? (await this.peek(storage));
`,
    recheck,
  },
];

export function datastoreOutboxHead(): Plugin[] {
  return outboxHeadPatches.map((patch) => datastoreSourcePatch(patch));
}
