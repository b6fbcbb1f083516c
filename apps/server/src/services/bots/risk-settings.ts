import type { Bot as BotContract, RiskSettings } from '@tradewind/core';
import type { Bot } from '@tradewind/db';
import type { RiskRules } from '@tradewind/engine';

/** Every risk guard resolved to a value: the bot's stored overrides over its mode's defaults. */
export type ResolvedRiskSettings = Required<RiskSettings>;

/**
 * Default risk guards per risk mode (seed 003's modes). `balanced` follows seed 004's system
 * risk configuration (`stop_loss_percent` 3 %, `max_daily_loss` 5 %); the other two modes
 * tighten or loosen every guard around it. All values are percents, except `cooldownBars`.
 *
 * | mode         | stop-loss | max position | max daily loss | max drawdown | cooldown |
 * | ------------ | --------- | ------------ | -------------- | ------------ | -------- |
 * | conservative | 2 %       | 10 %         | 3 %            | 10 %         | 10 bars  |
 * | balanced     | 3 %       | 25 %         | 5 %            | 15 %         | 5 bars   |
 * | aggressive   | 5 %       | 50 %         | 10 %           | 25 %         | 2 bars   |
 *
 * A bot's `risk` JSON (stored at creation from the create input's `risk`) overrides any of
 * these field by field.
 */
export const RISK_MODE_DEFAULTS: Readonly<Record<BotContract['riskMode'], ResolvedRiskSettings>> = {
  conservative: {
    stopLossPercent: 2,
    maxPositionPercent: 10,
    maxDailyLossPercent: 3,
    maxDrawdownPercent: 10,
    cooldownBars: 10,
  },
  balanced: {
    stopLossPercent: 3,
    maxPositionPercent: 25,
    maxDailyLossPercent: 5,
    maxDrawdownPercent: 15,
    cooldownBars: 5,
  },
  aggressive: {
    stopLossPercent: 5,
    maxPositionPercent: 50,
    maxDailyLossPercent: 10,
    maxDrawdownPercent: 25,
    cooldownBars: 2,
  },
};

/** A bot's risk guards: each stored setting, else its risk mode's default (else `balanced`'s). */
export function resolveRiskSettings(bot: Pick<Bot, 'risk' | 'riskMode'>): ResolvedRiskSettings {
  const defaults =
    RISK_MODE_DEFAULTS[bot.riskMode as BotContract['riskMode']] ?? RISK_MODE_DEFAULTS.balanced;
  const stored = (bot.risk ?? {}) as RiskSettings;
  const resolved: ResolvedRiskSettings = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof ResolvedRiskSettings)[]) {
    const value = stored[key];
    if (typeof value === 'number' && Number.isFinite(value)) resolved[key] = value;
  }
  return resolved;
}

/**
 * A bot's guards as the engine's risk rules: the same percents as fractions (the engine's one
 * unit), so `runBacktest` with these rules trades as the bot does.
 */
export function riskRulesOf(risk: ResolvedRiskSettings): RiskRules {
  return {
    stopLoss: risk.stopLossPercent / 100,
    maxDrawdown: risk.maxDrawdownPercent / 100,
    maxDailyLoss: risk.maxDailyLossPercent / 100,
    cooldownBars: risk.cooldownBars,
  };
}
