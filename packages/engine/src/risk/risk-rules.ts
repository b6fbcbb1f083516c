import { type BacktestRisk, DomainError, ZBacktestRisk } from '@tradewind/core';

/**
 * The risk rules every run of a strategy can carry (a backtest, an ensemble, a bot): the
 * contract's `ZBacktestRisk`, in one unit: fractions (0.05 = 5 %). Doors that speak percents
 * (a bot's `stopLossPercent`) convert at the edge. Every rule is off when unset.
 */
export const ZRiskRules: typeof ZBacktestRisk = ZBacktestRisk;
export type RiskRules = BacktestRisk;

/**
 * Validates risk rules.
 * @throws DomainError `VALIDATION_ERROR` naming the field (prefixed with `field`).
 */
export function parseRiskRules(rules: unknown, field = 'risk'): RiskRules {
  const parsed = ZRiskRules.safeParse(rules ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [field, ...(issue?.path ?? [])].join('.');
  throw new DomainError('VALIDATION_ERROR', `${path}: ${issue?.message}`, { field: path });
}

/** True when no rule is set: a run without rules takes the plain, unguarded path. */
export function hasRiskRules(rules: RiskRules | undefined): boolean {
  return (
    rules !== undefined &&
    (rules.stopLoss !== undefined ||
      rules.maxDrawdown !== undefined ||
      rules.maxDailyLoss !== undefined)
  );
}
