import { z } from 'zod';
import { BACKTEST_EVENT_TYPES } from './backtests.ts';
import { ZBot } from './bots.ts';
import { zId, zIdPathParam } from './id.ts';
import { ZStrategyId, ZStrategySignal } from './strategies.ts';

/**
 * Realtime contracts: the domain events every stream carries, the inputs of the tRPC
 * subscriptions, the JSON WebSocket gateway's messages (seeds 001, 003, 004, snake_case as
 * those seeds show them) and the stats of seed 004's `/websocket/stats`.
 */

/** The domain events bots and backtests emit; each is written to the outbox in its transaction. */
export const DOMAIN_EVENT_TYPES = [
  'bot.started',
  'bot.paused',
  'bot.resumed',
  'bot.finished',
  'bot.error',
  'trade.executed',
  /** A risk guard fired: payload `{ botId, kind, message, values }`. */
  'alert',
  /** A backtest job's progress and its end: payload a `ZBacktestProgress` (backtests.ts). */
  ...BACKTEST_EVENT_TYPES,
  /** Runtime settings changed: payload `{ level, keys }` (runtime-settings.ts). */
  'config.changed',
  /** A user's keys, role, plan or account changed: payload `{ reason }`; caches drop the user. */
  'credentials.changed',
] as const;
export const ZDomainEventType = z.enum(DOMAIN_EVENT_TYPES);
export type DomainEventType = z.infer<typeof ZDomainEventType>;

/** The bot lifecycle events (everything but trades and alerts). */
export const BOT_EVENT_TYPES = [
  'bot.started',
  'bot.paused',
  'bot.resumed',
  'bot.finished',
  'bot.error',
] as const satisfies readonly DomainEventType[];

/** The largest outbox id (a PostgreSQL bigint). */
const MAX_EVENT_ID = 2n ** 63n - 1n;

/**
 * An event id: the outbox sequence number as a decimal string. Ids increase in commit order,
 * so "everything after id N" is exactly what a client that saw N has missed.
 */
export const ZEventId = z
  .string()
  .regex(/^\d{1,19}$/, 'expected an event id (a decimal number)')
  .refine((id) => BigInt(id) <= MAX_EVENT_ID, 'expected an event id (at most 2^63 - 1)');

/** One domain event as streams deliver it. */
export const ZRealtimeEvent = z.object({
  id: ZEventId,
  type: ZDomainEventType,
  botId: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export type RealtimeEvent = z.infer<typeof ZRealtimeEvent>;

/** `mine` (default): the caller's own resources. `all`: everyone's, admins only. */
export const ZRealtimeScope = z.enum(['mine', 'all']);
export type RealtimeScope = z.infer<typeof ZRealtimeScope>;

const ZBotFilter = zId('a bot id').optional();

const ZTopicFields = z
  .object({
    botId: ZBotFilter,
    scope: ZRealtimeScope.default('mine'),
    /** Resume after this event (tRPC `tracked`): the missed ones in the replay window first. */
    lastEventId: ZEventId.nullish(),
  })
  .strict();

/** Input of the topic subscriptions (bot updates, trades, alerts): the type is implied. */
export const ZRealtimeTopicInput = ZTopicFields.default({ scope: 'mine' });
export type RealtimeTopicInput = z.input<typeof ZRealtimeTopicInput>;

/** Input of `realtime.events`: every event type, or only `types`. */
export const ZRealtimeEventsInput = ZTopicFields.extend({
  types: z.array(ZDomainEventType).min(1).optional(),
})
  .strict()
  .default({ scope: 'mine' });
export type RealtimeEventsInput = z.input<typeof ZRealtimeEventsInput>;

/** Seed 002's performance stream: a tick every `frequencySeconds` (1-60). */
export const ZPerformanceTicksInput = z
  .object({
    botId: ZBotFilter,
    frequencySeconds: z.number().int().min(1).max(60).default(5),
  })
  .strict()
  .default({ frequencySeconds: 5 });
export type PerformanceTicksInput = z.input<typeof ZPerformanceTicksInput>;

export const ZBotPerformanceSnapshot = ZBot.pick({
  id: true,
  name: true,
  status: true,
  equity: true,
  currentCash: true,
  totalPnl: true,
  totalTrades: true,
  winningTrades: true,
});
export type BotPerformanceSnapshot = z.infer<typeof ZBotPerformanceSnapshot>;

export const ZPerformanceTick = z.object({
  /** 1 for the first tick of a subscription, then +1 per tick. */
  sequence: z.number().int().positive(),
  timestamp: z.iso.datetime(),
  bots: z.array(ZBotPerformanceSnapshot),
});
export type PerformanceTick = z.infer<typeof ZPerformanceTick>;

/** Seed 002's strategy signal stream: recent history first, then each new signal. */
export const ZStrategySignalStreamInput = z
  .object({
    strategyId: ZStrategyId,
    /** How many recent signals the first message carries (newest first). */
    history: z.number().int().min(0).max(500).default(50),
  })
  .strict();
export type StrategySignalStreamInput = z.input<typeof ZStrategySignalStreamInput>;

/** Seed 002's `recent_signals` (once, on connect) and `new_signal` messages. */
export const ZStrategySignalMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('recent_signals'), signals: z.array(ZStrategySignal) }),
  z.object({ type: z.literal('new_signal'), signal: ZStrategySignal }),
]);
export type StrategySignalMessage = z.infer<typeof ZStrategySignalMessage>;

export const ZSystemNotificationsInput = z
  .object({ intervalSeconds: z.number().int().min(1).max(3600).default(30) })
  .strict()
  .default({ intervalSeconds: 30 });
export type SystemNotificationsInput = z.input<typeof ZSystemNotificationsInput>;

/** Seed 004's `system_status` data, camelCase; `shutdown` is sent once when the server stops. */
export const ZSystemNotification = z.object({
  kind: z.enum(['status', 'shutdown']),
  timestamp: z.iso.datetime(),
  tradingActive: z.boolean(),
  botsActive: z.number().int().nonnegative(),
  botsTotal: z.number().int().nonnegative(),
  /** Process CPU use since the previous sample, percent of one core. */
  cpuUsage: z.number().nonnegative(),
  /** Resident memory as a percent of the machine's memory. */
  memoryUsage: z.number().nonnegative(),
  uptimeSeconds: z.number().nonnegative(),
});
export type SystemNotification = z.infer<typeof ZSystemNotification>;

/** The JSON gateway's topics: seed 004's four, plus seed 003's bot updates and trades. */
export const GATEWAY_TOPICS = [
  'bot_updates',
  'trades',
  'trading_updates',
  'alerts',
  'system_status',
  'metrics',
] as const;
export const ZGatewayTopic = z.enum(GATEWAY_TOPICS);
export type GatewayTopic = z.infer<typeof ZGatewayTopic>;

/** Seed 001 sends bot ids as strings; numbers are accepted too. */
const ZGatewayBotId = z.union([zId('a bot id'), zIdPathParam('a bot id')]);

const ZSubscriptionChange = {
  topics: z.array(ZGatewayTopic).min(1).max(GATEWAY_TOPICS.length).optional(),
  bot_id: ZGatewayBotId.optional(),
};

/** What a gateway client may send. Unknown fields (a client's own timestamp) are ignored. */
export const ZGatewayClientMessage = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('subscribe'),
      ...ZSubscriptionChange,
      /** Seed 002: seconds between `metrics` messages (1-60). */
      frequency: z.number().int().min(1).max(60).optional(),
    })
    .refine((message) => message.topics !== undefined || message.bot_id !== undefined, {
      message: 'subscribe needs "topics" or "bot_id"',
    }),
  z
    .object({ type: z.literal('unsubscribe'), ...ZSubscriptionChange })
    .refine((message) => message.topics !== undefined || message.bot_id !== undefined, {
      message: 'unsubscribe needs "topics" or "bot_id"',
    }),
  z.object({ type: z.literal('ping'), timestamp: z.string().max(64).optional() }),
  z.object({ type: z.literal('pong'), timestamp: z.string().max(64).optional() }),
]);
export type GatewayClientMessage = z.output<typeof ZGatewayClientMessage>;

/** The error codes a gateway `error` message carries. */
export const ZGatewayErrorCode = z.enum([
  'invalid_json',
  'invalid_message',
  'not_found',
  'subscription_limit',
  'rate_limited',
  /** The credentials the connection was opened with were revoked or expired: it closes. */
  'auth_invalid',
]);
export type GatewayErrorCode = z.infer<typeof ZGatewayErrorCode>;

const ZTimestamp = z.iso.datetime();

/** What the gateway sends; the shapes follow seeds 001, 003 and 004. */
export const ZGatewayServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('connected'),
    session_id: z.string(),
    topics: z.array(ZGatewayTopic),
    timestamp: ZTimestamp,
  }),
  z.object({
    type: z.literal('subscribed'),
    topics: z.array(ZGatewayTopic),
    /** Null: every bot of the caller. */
    bot_ids: z.array(z.number().int()).nullable(),
    timestamp: ZTimestamp,
  }),
  z.object({
    type: z.literal('unsubscribed'),
    topics: z.array(ZGatewayTopic),
    bot_ids: z.array(z.number().int()).nullable(),
    timestamp: ZTimestamp,
  }),
  z.object({ type: z.literal('ping'), timestamp: ZTimestamp }),
  z.object({ type: z.literal('pong'), timestamp: ZTimestamp }),
  z.object({
    type: z.literal('error'),
    code: ZGatewayErrorCode,
    message: z.string(),
    timestamp: ZTimestamp,
  }),
  z.object({
    /** Some messages were not sent because the client read too slowly. */
    type: z.literal('messages_dropped'),
    count: z.number().int().positive(),
    timestamp: ZTimestamp,
  }),
  z.object({
    type: z.literal('bot_update'),
    event_id: ZEventId,
    event: ZDomainEventType,
    bot_id: z.string(),
    status: z.string(),
    data: z.record(z.string(), z.unknown()),
    timestamp: ZTimestamp,
  }),
  z.object({
    type: z.literal('trade_executed'),
    event_id: ZEventId,
    trade: z.object({
      id: z.string(),
      bot_id: z.string(),
      symbol: z.string(),
      side: z.enum(['buy', 'sell']),
      quantity: z.number(),
      price: z.number(),
      profit: z.number().nullable(),
    }),
    timestamp: ZTimestamp,
  }),
  z.object({
    type: z.literal('trading_update'),
    event_id: ZEventId,
    timestamp: ZTimestamp,
    data: z.object({
      event: z.literal('trade_executed'),
      bot_id: z.string(),
      symbol: z.string(),
      side: z.enum(['buy', 'sell']),
      size: z.number(),
      price: z.number(),
    }),
  }),
  z.object({
    type: z.literal('alert'),
    event_id: ZEventId,
    level: z.enum(['info', 'warning', 'critical']),
    message: z.string(),
    timestamp: ZTimestamp,
    data: z.object({
      id: z.string(),
      bot_id: z.string().nullable(),
      severity: z.enum(['low', 'medium', 'high']),
      title: z.string(),
      message: z.string(),
    }),
  }),
  z.object({
    type: z.literal('system_status'),
    timestamp: ZTimestamp,
    data: z.object({
      trading_active: z.boolean(),
      bots_active: z.number().int(),
      bots_total: z.number().int(),
      cpu_usage: z.number(),
      memory_usage: z.number(),
      uptime_seconds: z.number(),
    }),
  }),
  z.object({
    type: z.literal('metrics'),
    timestamp: ZTimestamp,
    data: z.object({
      bots: z.array(
        z.object({
          bot_id: z.string(),
          status: z.string(),
          equity: z.number(),
          total_pnl: z.number(),
          total_trades: z.number().int(),
        }),
      ),
    }),
  }),
]);
export type GatewayServerMessage = z.infer<typeof ZGatewayServerMessage>;

/** Stats of every realtime stream this process serves (seed 004's `/websocket/stats`, camelCase). */
export const ZRealtimeStats = z.object({
  /** Open streams: JSON WebSocket connections, SSE streams and tRPC subscriptions. */
  totalConnections: z.number().int().nonnegative(),
  connectionsByTransport: z.object({
    websocket: z.number().int().nonnegative(),
    sse: z.number().int().nonnegative(),
    trpc: z.number().int().nonnegative(),
  }),
  /** Session ids of open gateway connections (`/ws/{session_id}`, or generated). */
  activeSessions: z.array(z.string()),
  /** Gateway connections per subscribed topic. */
  subscriptionStats: z.record(ZGatewayTopic, z.number().int().nonnegative()),
  messagesSentTotal: z.number().int().nonnegative(),
  /** Since midnight UTC. */
  messagesSentToday: z.number().int().nonnegative(),
  messagesDropped: z.number().int().nonnegative(),
  slowConsumersDisconnected: z.number().int().nonnegative(),
  uptimeHours: z.number().nonnegative(),
});
export type RealtimeStats = z.infer<typeof ZRealtimeStats>;

/** Seed 004's `GET /websocket/stats` body. */
export const ZWebsocketStatsResponse = z.object({
  total_connections: z.number().int().nonnegative(),
  active_sessions: z.array(z.string()),
  subscription_stats: z.record(z.string(), z.number().int().nonnegative()),
  messages_sent_today: z.number().int().nonnegative(),
  uptime_hours: z.number().nonnegative(),
});
export type WebsocketStatsResponse = z.infer<typeof ZWebsocketStatsResponse>;
