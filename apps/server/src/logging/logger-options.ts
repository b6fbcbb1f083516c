import { createRequire } from 'node:module';
import type { LoggerOptions } from 'pino';
import type { Config } from '../config.ts';

/**
 * How the server logs: JSON lines (one object per line, for log collectors and `jq`), except in
 * development on a terminal, where pino-pretty prints them for people
 * (`17:42:01 INFO: Tradewind 0.1.0 listening on http://127.0.0.1:8001`).
 */
export function loggerOptions(
  config: Pick<Config, 'environment' | 'logLevel'>,
  terminal = process.stdout.isTTY === true,
): LoggerOptions {
  if (config.environment !== 'development' || !terminal) return { level: config.logLevel };
  return {
    level: config.logLevel,
    transport: {
      // Resolved here: pino would look for it from fastify's folder, where pnpm does not put it.
      target: createRequire(import.meta.url).resolve('pino-pretty'),
      options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
    },
  };
}
