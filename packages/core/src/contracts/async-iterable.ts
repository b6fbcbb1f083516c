import { z } from 'zod';

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * The output schema of a subscription: an async iterable whose every yielded item is parsed by
 * `item`, so streams pass through the same contract firewall as queries (tRPC's own pattern).
 */
export function zAsyncIterable<TItem extends z.ZodType>(item: TItem) {
  return z
    .custom<AsyncIterable<z.input<TItem>>>(isAsyncIterable, 'expected an async iterable')
    .transform(async function* (iterable): AsyncGenerator<z.output<TItem>, void, unknown> {
      for await (const value of iterable) {
        yield await item.parseAsync(value);
      }
    });
}
