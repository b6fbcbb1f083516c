import { z } from 'zod';
import { ZPosition } from './bots.ts';
import { zId } from './id.ts';
import { ZSystemMode } from './identity.ts';
import { ZEnvironment } from './system.ts';

/**
 * Seed 004's `POST /system/command` over the caller's bots (an admin's `allUsers`: everyone's):
 * `stop` is the kill switch (every running bot finished now: positions closed at the last price,
 * COMPLETED); `pause` pauses every active bot; `resume` and `start` resume every paused one.
 */
export const SYSTEM_COMMANDS = ['start', 'stop', 'pause', 'resume'] as const;
export const ZSystemCommand = z.enum(SYSTEM_COMMANDS);
export type SystemCommand = z.infer<typeof ZSystemCommand>;

export const ZSystemCommandInput = z
  .object({
    command: ZSystemCommand,
    parameters: z
      .object({
        /** Only these of the caller's bots (default: all of them). */
        botIds: z.array(zId('a bot id')).min(1).max(1000).optional(),
      })
      .strict()
      .default({}),
    /** Why; kept in the audit trail. */
    reason: z.string().trim().min(1, 'reason: say why').max(500),
    /** Every user's bots (admins with `system:admin` only). */
    allUsers: z.boolean().default(false),
  })
  .strict();
export type SystemCommandInput = z.input<typeof ZSystemCommandInput>;

export const ZSystemCommandResult = z.object({
  success: z.boolean(),
  message: z.string(),
  command: ZSystemCommand,
  timestamp: z.iso.datetime(),
  /** The bots the command acted on. */
  botIds: z.array(z.number().int()),
  /** Bots it could not act on (e.g. one that finished meanwhile), with the reason. */
  failures: z.array(z.object({ botId: z.number().int(), error: z.string() })),
});
export type SystemCommandResult = z.infer<typeof ZSystemCommandResult>;

/** Seed 004's `GET /trading/status` for the caller's running bots, in camelCase. */
export const ZTradingStatus = z.object({
  /** Some bot is ACTIVE (not paused). */
  active: z.boolean(),
  /** `live` when a running bot trades live, else `paper`. */
  mode: z.enum(['paper', 'live']),
  /** Cash plus open positions at their last price, over the running bots. */
  portfolioValue: z.number(),
  openPositions: z.number().int().nonnegative(),
  /** Realized PnL of fills since midnight UTC, over all the caller's bots. */
  dailyPnl: z.number(),
  totalTrades: z.number().int().nonnegative(),
  lastTradeTime: z.iso.datetime().nullable(),
  /** A bot's open position (bots.ts) with seed 004's `size` for its quantity. */
  positions: z.array(
    ZPosition.omit({ quantity: true }).extend({ botId: z.number().int(), size: z.number() }),
  ),
});
export type TradingStatus = z.infer<typeof ZTradingStatus>;

/** Seed 003's `GET /api/system/mode`, in camelCase. */
export const ZSystemModeView = z.object({
  success: z.literal(true),
  mode: ZSystemMode,
  paperTrading: z.boolean(),
  liveTrading: z.boolean(),
  autopilot: z.boolean(),
});
export type SystemModeView = z.infer<typeof ZSystemModeView>;

/**
 * Seed 003's `POST /api/system/mode`. Switching to `live_trading` needs two-factor
 * authentication: a current `totpCode` and `confirm: true`.
 */
export const ZSystemModeInput = z
  .object({
    mode: ZSystemMode,
    totpCode: z
      .string()
      .regex(/^\d{6}$/, 'expected the 6-digit code of your authenticator app')
      .optional(),
    confirm: z.boolean().optional(),
  })
  .strict();
export type SystemModeInput = z.input<typeof ZSystemModeInput>;

/** Seed 004's `GET /status`, in camelCase: this server, the caller's bots, their venues, this host. */
export const ZOperatorStatus = z.object({
  system: z.object({
    status: z.enum(['operational', 'degraded']),
    uptimeSeconds: z.number().nonnegative(),
    version: z.string(),
    environment: ZEnvironment,
  }),
  tradingBot: z.object({
    /** Some bot of the caller is ACTIVE. */
    active: z.boolean(),
    mode: z.enum(['paper', 'live']),
    /** `running` (one is active), `paused` (all running ones are paused) or `stopped` (none). */
    status: z.enum(['running', 'paused', 'stopped']),
    /** When a running bot last wrote a bar (wall clock). */
    lastUpdate: z.iso.datetime().nullable(),
  }),
  /** The venues feeding the caller's running bots; the simulator is always connected. */
  exchanges: z.array(
    z.object({
      name: z.string(),
      /** False while a bot's feed reports the venue unreachable (`feed_unavailable`). */
      connected: z.boolean(),
      testnet: z.boolean(),
    }),
  ),
  /** This host, in percent; null where the platform cannot tell. */
  performance: z.object({
    cpuUsage: z.number().nullable(),
    memoryUsage: z.number(),
    diskUsage: z.number().nullable(),
  }),
});
export type OperatorStatus = z.infer<typeof ZOperatorStatus>;
