import { z } from 'zod';

export const ZDatabaseDialect = z.enum(['pglite', 'postgresql']);
export type DatabaseDialect = z.infer<typeof ZDatabaseDialect>;

export const ZEnvironment = z.enum(['development', 'test', 'production']);
export type Environment = z.infer<typeof ZEnvironment>;

/**
 * `GET /health`: the union of the seed 001 and 004 health shapes. `degraded` means the process
 * is up but cannot reach its database. The database is probed on its own cadence (about once a
 * second), not per request: `ageMs` says how old the answer is, `latencyMs` how long the probe
 * waited for the database.
 */
export const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  environment: ZEnvironment,
  database: z.object({
    connected: z.boolean(),
    dialect: ZDatabaseDialect,
    /** Milliseconds since the last probe answered. */
    ageMs: z.number().nonnegative(),
    /** How long the last probe took (queueing behind other queries included). */
    latencyMs: z.number().nonnegative(),
  }),
  /** Seconds since the process started serving. */
  uptime: z.number().nonnegative(),
  timestamp: z.iso.datetime(),
});
export type Health = z.infer<typeof ZHealth>;

export const ZPing = z.object({ pong: z.literal(true), timestamp: z.iso.datetime() });
export type Ping = z.infer<typeof ZPing>;

/** `system.status`: seed 003's system status, in camelCase. */
export const ZSystemStatus = z.object({
  status: z.enum(['operational', 'degraded']),
  database: z.enum(['connected', 'disconnected']),
  databaseDialect: ZDatabaseDialect,
  api: z.literal('operational'),
  websocket: z.literal('active'),
  sse: z.literal('active'),
  version: z.string(),
  environment: ZEnvironment,
  uptimeSeconds: z.number().nonnegative(),
  /** Signed-in callers only: their own bots (an admin's: everyone's). Absent for anonymous. */
  botsActive: z.number().int().nonnegative().optional(),
  botsTotal: z.number().int().nonnegative().optional(),
  timestamp: z.iso.datetime(),
});
export type SystemStatus = z.infer<typeof ZSystemStatus>;

export const ZHeartbeatInput = z
  .object({
    /** How often the server beats, in milliseconds. */
    intervalMs: z.number().int().min(100).max(60_000).default(5_000),
  })
  .strict()
  .default({ intervalMs: 5_000 });
export type HeartbeatInput = z.input<typeof ZHeartbeatInput>;

export const ZHeartbeat = z.object({
  /** 1 for the first beat of a subscription, then +1 per beat. */
  sequence: z.number().int().positive(),
  timestamp: z.iso.datetime(),
  uptimeSeconds: z.number().nonnegative(),
});
export type Heartbeat = z.infer<typeof ZHeartbeat>;
