import type { SettingKey } from '@tradewind/core';
import type { Database } from '@tradewind/db';
import type { Config } from '../../config.ts';

type EnvironmentBacked = {
  variable: string;
  read(config: Config): unknown;
  apply(config: Config, value: unknown): Config;
};

/**
 * The settings the server reads at start from its environment. Where the variable is set it
 * wins; where it is not, a stored system value replaces the default at the next start.
 */
export const ENVIRONMENT_SETTINGS: Partial<Record<SettingKey, EnvironmentBacked>> = {
  'paper.commission_rate': {
    variable: 'PAPER_COMMISSION_RATE',
    read: (config) => config.paperCommissionRate,
    apply: (config, value) => ({ ...config, paperCommissionRate: value as number }),
  },
  'simulator.bar_ms': {
    variable: 'SIMULATOR_BAR_MS',
    read: (config) => config.simulatorBarMs,
    apply: (config, value) => ({ ...config, simulatorBarMs: value as number }),
  },
  'webhooks.max_attempts': {
    variable: 'WEBHOOK_MAX_ATTEMPTS',
    read: (config) => config.webhookMaxAttempts,
    apply: (config, value) => ({ ...config, webhookMaxAttempts: value as number }),
  },
};

/** The value the environment sets for `key`, when its variable is set. */
export function environmentValue(config: Config, key: SettingKey): { value: unknown } | undefined {
  const backed = ENVIRONMENT_SETTINGS[key];
  if (!backed || !config.environmentVariables.includes(backed.variable)) return undefined;
  return { value: backed.read(config) };
}

/**
 * The configuration a starting server runs with: stored system values of restart-required
 * keys replace the defaults, except where the environment sets the variable (it wins).
 */
export async function withStoredSettings(config: Config, db: Database): Promise<Config> {
  const keys = Object.keys(ENVIRONMENT_SETTINGS) as SettingKey[];
  const rows = await db.prisma.systemConfig.findMany({ where: { key: { in: keys } } });
  let effective = config;
  for (const row of rows) {
    const key = row.key as SettingKey;
    const backed = ENVIRONMENT_SETTINGS[key];
    if (backed && !config.environmentVariables.includes(backed.variable)) {
      effective = backed.apply(effective, row.value);
    }
  }
  return effective;
}
