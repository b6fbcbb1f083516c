import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { postgresAvailable } from './postgres-available.ts';
import { redisAvailable } from './redis-available.ts';

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

describe('redisAvailable', () => {
  it('is false, not an error, when nothing listens', async () => {
    const port = await freePort();
    expect(await redisAvailable(`redis://127.0.0.1:${port}`)).toBe(false);
  });

  it('is false, not an error, when something other than Redis answers', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      expect(await redisAvailable(`redis://127.0.0.1:${port}`, 500)).toBe(false);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
