import { isTrackedEnvelope, type TrackedEnvelope, tracked } from '@trpc/server';
import { z } from 'zod';

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * The output schema of a resumable subscription: every item is a `tracked(id, data)` envelope
 * whose data is parsed by `item`, so resumable streams pass the same contract firewall as
 * queries (core's `zAsyncIterable`, plus the envelope tRPC needs for `lastEventId`).
 */
export function zTrackedAsyncIterable<TItem extends z.ZodType>(item: TItem) {
  return z
    .custom<AsyncIterable<TrackedEnvelope<z.input<TItem>>>>(
      isAsyncIterable,
      'expected an async iterable',
    )
    .transform(async function* (iterable): AsyncGenerator<
      TrackedEnvelope<z.output<TItem>>,
      void,
      unknown
    > {
      for await (const value of iterable) {
        if (!isTrackedEnvelope<z.input<TItem>>(value)) {
          throw new Error('a resumable stream yielded an item without an event id');
        }
        yield tracked(value[0], await item.parseAsync(value[1]));
      }
    });
}
