import {
  type AuthenticatedPrincipal,
  DomainError,
  isDomainError,
  type ZBacktestStrategyRef,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import { getStrategyDefinition } from '@tradewind/engine';
import type { z } from 'zod';
import type { ResolvedStrategy } from '../../runtime/backtests/backtest-job-spec.ts';
import { authorizeStrategy } from '../strategies/strategy-access.ts';

/**
 * A strategy as a job will run it: a built-in one with its parameters validated (defaults filled
 * in), or a saved one the caller may `execute` (someone else's unshared strategy is NOT_FOUND).
 * Errors name `field`, the reference's place in the request (e.g. `strategies.2`).
 */
export async function resolveStrategy(
  client: Prisma.TransactionClient,
  principal: AuthenticatedPrincipal,
  ref: z.output<typeof ZBacktestStrategyRef>,
  field: string,
  weight: number | null = null,
): Promise<ResolvedStrategy> {
  if (ref.type === 'builtin') {
    return {
      ...validated(ref.name, ref.params, field),
      label: ref.name,
      strategyId: null,
      weight,
    };
  }
  const { strategy } = await authorizeStrategy(client, principal, ref.strategyId, 'execute');
  return {
    ...validated(strategy.algorithm, strategy.params, field),
    label: strategy.name,
    strategyId: strategy.id,
    weight,
  };
}

function validated(
  name: string,
  params: unknown,
  field: string,
): Pick<ResolvedStrategy, 'name' | 'params'> {
  try {
    const definition = getStrategyDefinition(name);
    return { name: definition.name, params: definition.parseParams(params) };
  } catch (error) {
    if (isDomainError(error) && error.code === 'VALIDATION_ERROR') {
      throw new DomainError('VALIDATION_ERROR', `${field}: ${error.message}`, {
        ...error.details,
        field,
      });
    }
    throw error;
  }
}
