import type { Bot, RiskSettings } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { effectiveSettings } from './effective-settings.ts';

type RiskMode = Bot['riskMode'];

/**
 * The runtime settings a new bot takes its risk guards from, each a fraction turned into the
 * bot's percent. Only a value someone stored (the owner's own default, else the system's) or the
 * environment set replaces the risk mode's default: an untouched key leaves the mode's table
 * (`services/bots/risk-settings.ts`) in force.
 */
const GUARD_SETTINGS = {
  'risk.stop_loss_percent': 'stopLossPercent',
  'risk.max_daily_loss': 'maxDailyLossPercent',
  'trading.max_position_size': 'maxPositionPercent',
} as const satisfies Record<string, keyof RiskSettings>;

/**
 * A new bot's risk mode and guards when its create input does not name them: the owner's
 * effective settings (user over system over default), read through the process's settings
 * cache, which a `config.changed` event from any process refreshes. Guards given in the input
 * win field by field. The bot keeps what it was created with: later changes apply to new bots.
 */
export async function newBotDefaults(
  deps: Pick<ServiceDeps, 'config' | 'settings'>,
  userId: string,
  input: { riskMode?: RiskMode | undefined; risk?: RiskSettings | undefined },
): Promise<{ riskMode: RiskMode; risk: RiskSettings }> {
  const { entries } = await effectiveSettings(deps, 'user', userId);
  const risk: RiskSettings = {};
  let riskMode: RiskMode = 'balanced';
  for (const entry of entries) {
    if (entry.key === 'risk.default_mode') riskMode = entry.value as RiskMode;
    if (entry.source === 'default' || !(entry.key in GUARD_SETTINGS)) continue;
    const field = GUARD_SETTINGS[entry.key as keyof typeof GUARD_SETTINGS];
    // Fractions to percents, rounded so 0.07 becomes 7 and not 7.000000000000001.
    risk[field] = Math.round((entry.value as number) * 100 * 1e6) / 1e6;
  }
  return { riskMode: input.riskMode ?? riskMode, risk: { ...risk, ...input.risk } };
}
