import { z } from 'zod';

const ZOrigins = z
  .string()
  .transform((setting, context) => {
    const origins = setting
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    for (const origin of origins) {
      if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
        context.addIssue({
          code: 'custom',
          message: `"${origin}" is not an origin (expected scheme://host[:port] or *)`,
        });
        return z.NEVER;
      }
    }
    return origins;
  })
  .optional();

/** The realtime environment variables, merged into the server's (config.ts). */
export const ZRealtimeEnv = {
  /** `auto`: PostgreSQL LISTEN/NOTIFY when DATABASE_URL is set, else in-process. */
  EVENT_BUS: z.enum(['auto', 'in-process', 'postgres']).default('auto'),
  /** Browser origins allowed to open realtime streams (comma-separated; `*` allows any). */
  CORS_ALLOWED_ORIGINS: ZOrigins,
  /** How far back a resuming client is replayed from the outbox. */
  REALTIME_REPLAY_WINDOW_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** The most events one resume replays; a client further behind should reload its state. */
  REALTIME_REPLAY_MAX_EVENTS: z.coerce.number().int().min(1).max(100_000).default(10_000),
  /** Heartbeat period of the gateway and SSE; a peer silent for two periods is dropped. */
  REALTIME_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** Open realtime streams (gateway, SSE, tRPC subscriptions) per user. */
  REALTIME_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Topics plus bot ids one gateway connection may subscribe to. */
  REALTIME_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Largest message a gateway client may send. */
  REALTIME_MAX_MESSAGE_BYTES: z.coerce.number().int().min(256).max(1_048_576).default(16_384),
  /** Unsent bytes a connection may hold before its messages are dropped (slow consumer). */
  REALTIME_MAX_BUFFERED_BYTES: z.coerce.number().int().min(1024).max(67_108_864).default(1_048_576),
};

type RealtimeEnv = z.output<z.ZodObject<typeof ZRealtimeEnv>>;

export type RealtimeConfig = {
  eventBus: 'in-process' | 'postgres';
  /** Empty: only clients that send no Origin (non-browsers) or the server's own origin. */
  allowedOrigins: string[];
  replayWindowMs: number;
  replayMaxEvents: number;
  heartbeatMs: number;
  maxConnectionsPerUser: number;
  maxSubscriptions: number;
  maxMessageBytes: number;
  maxBufferedBytes: number;
};

export function realtimeConfigFrom(
  values: RealtimeEnv,
  databaseUrl: string | undefined,
): RealtimeConfig {
  const eventBus =
    values.EVENT_BUS === 'auto' ? (databaseUrl ? 'postgres' : 'in-process') : values.EVENT_BUS;
  return {
    eventBus,
    allowedOrigins: values.CORS_ALLOWED_ORIGINS ?? [],
    replayWindowMs: values.REALTIME_REPLAY_WINDOW_HOURS * 3_600_000,
    replayMaxEvents: values.REALTIME_REPLAY_MAX_EVENTS,
    heartbeatMs: values.REALTIME_HEARTBEAT_MS,
    maxConnectionsPerUser: values.REALTIME_MAX_CONNECTIONS_PER_USER,
    maxSubscriptions: values.REALTIME_MAX_SUBSCRIPTIONS,
    maxMessageBytes: values.REALTIME_MAX_MESSAGE_BYTES,
    maxBufferedBytes: values.REALTIME_MAX_BUFFERED_BYTES,
  };
}
