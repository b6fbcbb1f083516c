import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { postgresAvailable } from './postgres-available.ts';

describe('freePort', () => {
  it('returns a port that can be bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('postgresAvailable', () => {
  it('is false, not an error, when nothing listens', async () => {
    const port = await freePort();
    expect(await postgresAvailable(`postgresql://postgres@127.0.0.1:${port}/postgres`)).toBe(false);
  });
});
