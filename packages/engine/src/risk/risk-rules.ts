import { DomainError } from '@tradewind/core';
import { z } from 'zod';

/**
 * The risk rules every run of a strategy can carry (a backtest, an ensemble, a bot), in one
 * unit: fractions (0.05 = 5 %). Doors that speak percents (a bot's `stopLossPercent`) convert
 * at the edge. Every rule is off when unset.
 */
export const ZRiskRules = z.strictObject({
  /** Sell a position whose bar closes this fraction or more below its average entry price. */
  stopLoss: z.number().gt(0).max(1).optional(),
  /** Halt (close everything, trade nothing more) once equity falls this fraction below its peak. */
  maxDrawdown: z.number().gt(0).max(1).optional(),
  /** Halt once equity falls this fraction below the equity the UTC day started with. */
  maxDailyLoss: z.number().gt(0).max(1).optional(),
  /** Bar intervals after a stop-loss during which the strategy may not enter that symbol again. */
  cooldownBars: z.number().int().min(0).max(10_000).optional(),
});
export type RiskRules = z.input<typeof ZRiskRules>;

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
