import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zAsyncIterable } from './async-iterable.ts';

async function* numbers(...values: unknown[]) {
  yield* values;
}

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('zAsyncIterable', () => {
  const schema = zAsyncIterable(z.object({ n: z.number() }));

  it('parses every yielded item, stripping unknown fields', async () => {
    const parsed = await schema.parseAsync(numbers({ n: 1, secret: 'x' }, { n: 2 }));
    expect(await collect(parsed)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('fails on the first item that breaks the contract', async () => {
    const parsed = await schema.parseAsync(numbers({ n: 1 }, { n: 'two' }));
    await expect(collect(parsed)).rejects.toThrow(/expected number/);
  });

  it('refuses a value that is not an async iterable', async () => {
    await expect(schema.parseAsync([1, 2])).rejects.toThrow(/expected an async iterable/);
  });
});
