import { z } from 'zod';
import { ZRiskMode } from './bots.ts';
import { ZEnvironment } from './system.ts';

/**
 * Runtime configuration (seed 004's `GET/POST /config`): a tree of settings, each addressed by
 * a dotted key (`trading.max_position_size`). Every key has its own schema, a default, whether a
 * change needs a restart to take effect, and the levels it lives on: `system` (admins,
 * `config:write`) and `user` (a user's own trading defaults, which override the system value for
 * that user). Keys read by the server at start are backed by an environment variable, which
 * wins where it is set.
 */
export const SETTING_LEVELS = ['system', 'user'] as const;
export const ZSettingLevel = z.enum(SETTING_LEVELS);
export type SettingLevel = z.infer<typeof ZSettingLevel>;

export type SettingDefinition = {
  readonly schema: z.ZodType;
  readonly default: unknown;
  /** The change takes effect only after the server restarts (it is read at start). */
  readonly restartRequired: boolean;
  readonly levels: readonly SettingLevel[];
  /** The environment variable that sets it at start and, where set, wins. */
  readonly environmentVariable?: string;
  readonly description: string;
};

const ZFraction = z.number().gt(0, 'expected more than 0').max(1, 'expected at most 1');
const ZPair = z
  .string()
  .regex(/^[A-Z0-9]{2,12}(\/?[A-Z0-9]{2,12})?$/, 'expected a trading pair such as BTCUSDT');
const BOTH: readonly SettingLevel[] = ['system', 'user'];
const SYSTEM: readonly SettingLevel[] = ['system'];

/** Every setting there is; a key not listed here is refused, naming it. */
export const SETTINGS = {
  'trading.max_position_size': {
    schema: ZFraction,
    default: 0.1,
    restartRequired: false,
    levels: BOTH,
    description: 'largest position, as a fraction of equity',
  },
  'trading.trading_pairs': {
    schema: z.array(ZPair).min(1, 'expected at least one pair').max(50),
    default: ['BTCUSDT', 'ETHUSDT'],
    restartRequired: false,
    levels: BOTH,
    description: 'pairs traded by default',
  },
  'trading.base_currency': {
    schema: z.string().regex(/^[A-Z0-9]{2,10}$/, 'expected a currency code such as USDT'),
    default: 'USDT',
    restartRequired: false,
    levels: BOTH,
    description: 'quote currency of the default pairs',
  },
  'risk.max_portfolio_risk': {
    schema: ZFraction,
    default: 0.02,
    restartRequired: false,
    levels: BOTH,
    description: 'risk per trade, as a fraction of the portfolio',
  },
  'risk.max_daily_loss': {
    schema: ZFraction,
    default: 0.05,
    restartRequired: false,
    levels: BOTH,
    description: 'daily loss that stops trading, as a fraction of equity',
  },
  'risk.stop_loss_percent': {
    schema: ZFraction,
    default: 0.03,
    restartRequired: false,
    levels: BOTH,
    description: 'stop-loss distance from entry, as a fraction of price',
  },
  'risk.default_mode': {
    schema: ZRiskMode,
    default: 'balanced',
    restartRequired: false,
    levels: BOTH,
    description: 'risk mode of new bots',
  },
  'paper.commission_rate': {
    schema: z.number().min(0, 'expected at least 0').max(0.1, 'expected at most 0.1'),
    default: 0.001,
    restartRequired: true,
    levels: SYSTEM,
    environmentVariable: 'PAPER_COMMISSION_RATE',
    description: 'commission of paper fills, a fraction of notional',
  },
  'simulator.bar_ms': {
    schema: z.number().int('expected whole milliseconds').min(1).max(3_600_000),
    default: 1000,
    restartRequired: true,
    levels: SYSTEM,
    environmentVariable: 'SIMULATOR_BAR_MS',
    description: 'real milliseconds between two simulated bars',
  },
  'webhooks.max_attempts': {
    schema: z.number().int('expected a whole number').min(1).max(20),
    default: 5,
    restartRequired: true,
    levels: SYSTEM,
    environmentVariable: 'WEBHOOK_MAX_ATTEMPTS',
    description: 'webhook attempts per event, the first included',
  },
} as const satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** A nested settings object, as seed 004 shows it: `{ trading: { max_position_size: 0.1 } }`. */
export const ZSettingsTree = z.record(z.string(), z.record(z.string(), z.unknown()));
export type SettingsTree = z.infer<typeof ZSettingsTree>;

export const ZSettingSource = z.enum(['default', 'system', 'user', 'environment']);

/** One key with its effective value and where that value comes from. */
export const ZSettingEntry = z.object({
  key: z.string(),
  value: z.unknown(),
  default: z.unknown(),
  /** `environment` means the environment variable is set and wins over stored values. */
  source: ZSettingSource,
  restartRequired: z.boolean(),
  levels: z.array(ZSettingLevel),
  environmentVariable: z.string().optional(),
  description: z.string(),
});
export type SettingEntry = z.infer<typeof ZSettingEntry>;

export const ZConfigGetInput = z
  .object({ level: ZSettingLevel.default('system') })
  .strict()
  .default({ level: 'system' });

/** `config.get`: seed 004's `GET /config` plus each key's metadata under `entries`. */
export const ZConfigView = z.object({
  environment: ZEnvironment,
  version: z.string(),
  level: ZSettingLevel,
  /** When a stored value of this level last changed; null while every key has its default. */
  lastUpdated: z.date().nullable(),
  settings: ZSettingsTree,
  entries: z.array(ZSettingEntry),
});
export type ConfigView = z.infer<typeof ZConfigView>;

/** `config.update` (system level) and `config.updateDefaults` (the caller's own). */
export const ZConfigUpdateInput = z
  .object({
    settings: ZSettingsTree,
    /** Check and report only; nothing is stored or audited. */
    validateOnly: z.boolean().default(false),
    /**
     * Seed 004 sends it; the answer's `restartRequired` says whether a restart is needed, so
     * the request's value changes nothing.
     */
    restartRequired: z.boolean().optional(),
  })
  .strict();
export type ConfigUpdateInput = z.input<typeof ZConfigUpdateInput>;

export const ZConfigUpdateResult = z.object({
  success: z.literal(true),
  message: z.string(),
  restartRequired: z.boolean(),
  /** The dotted keys that changed (or, with `validateOnly`, would change). */
  updatedSettings: z.array(z.string()),
});
export type ConfigUpdateResult = z.infer<typeof ZConfigUpdateResult>;

/** `{ trading: { max_position_size: 0.15 } }` -> `[['trading.max_position_size', 0.15]]`. */
export function flattenSettings(tree: SettingsTree): [string, unknown][] {
  return Object.entries(tree).flatMap(([section, values]) =>
    Object.entries(values).map(([name, value]): [string, unknown] => [`${section}.${name}`, value]),
  );
}

/** The inverse of {@link flattenSettings}. */
export function nestSettings(entries: Iterable<readonly [string, unknown]>): SettingsTree {
  const tree: SettingsTree = {};
  for (const [key, value] of entries) {
    const dot = key.indexOf('.');
    const section = key.slice(0, dot);
    tree[section] = { ...tree[section], [key.slice(dot + 1)]: value };
  }
  return tree;
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}
