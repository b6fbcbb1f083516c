import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on `host` (the OS picks it). Another process can
 * grab it before you bind, so bind soon; prefer `listen(0)` when the code under test allows.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error(`could not read the port bound on ${host}`));
      });
    });
  });
}
