import { createHash } from 'node:crypto';
import {
  DomainError,
  type Execution,
  type ExecutionResult,
  type ZTradeOrder,
} from '@tradewind/core';
import { type Prisma, uniqueViolationFields } from '@tradewind/db';
import type { z } from 'zod';
import { accountVenue, type TradingAccount, type TradingDeps } from './account-venue.ts';
import { type PlacedOrder, placeOrder, reasonOf } from './place-order.ts';
import { applyFill } from './position-ledger.ts';

type TradeOrder = z.output<typeof ZTradeOrder>;

export type ExecutionRequest = {
  userId: string;
  source: 'group' | 'tradingview';
  groupId?: string;
  botId?: number;
  idempotencyKey?: string | undefined;
  order: TradeOrder;
  accounts: readonly TradingAccount[];
};

const RESULT_INCLUDE = { results: true } as const;
type ExecutionRow = Prisma.TradeExecutionGetPayload<{ include: typeof RESULT_INCLUDE }>;

/** Binance accepts 36 characters of `[.A-Z:/a-z0-9_-]`; the same (execution, account) gives the same id. */
function clientOrderIdOf(executionId: string, accountId: string): string {
  return `tw-${createHash('sha256').update(`${executionId}|${accountId}`).digest('hex').slice(0, 24)}`;
}

/** JSON with object keys sorted: JSONB stores keys in its own order, so compare it this way. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry !== null && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b)))
      : entry,
  );
}

const num = (value: Prisma.Decimal | null): number | null =>
  value === null ? null : value.toNumber();

function toExecution(
  row: ExecutionRow,
  accounts: readonly TradingAccount[],
  replayed: boolean,
): Execution {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const results: ExecutionResult[] = row.results
    .map((result) => ({
      accountId: result.accountId,
      accountName: byId.get(result.accountId)?.name ?? '',
      exchange: byId.get(result.accountId)?.exchange ?? '',
      status: result.status as ExecutionResult['status'],
      clientOrderId: result.clientOrderId,
      orderId: result.orderId,
      quantity: num(result.quantity),
      filled: num(result.filled),
      price: num(result.price),
      fee: num(result.fee),
      feeCurrency: result.feeCurrency,
      takeProfitOrderId: result.takeProfitOrderId,
      error: result.error,
    }))
    .sort(
      (a, b) =>
        accounts.findIndex((account) => account.id === a.accountId) -
        accounts.findIndex((account) => account.id === b.accountId),
    );
  return {
    executionId: row.id,
    successCount: row.successCount,
    errorCount: row.errorCount,
    results,
    replayed,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The earlier execution under the same key, or a CONFLICT when the key meant something else. */
async function earlier(
  deps: Pick<TradingDeps, 'db'>,
  request: ExecutionRequest,
  fingerprint: Prisma.InputJsonValue,
): Promise<ExecutionRow | null> {
  if (request.idempotencyKey === undefined) return null;
  const row = await deps.db.prisma.tradeExecution.findUnique({
    where: {
      userId_idempotencyKey: { userId: request.userId, idempotencyKey: request.idempotencyKey },
    },
    include: RESULT_INCLUDE,
  });
  if (row === null) return null;
  if (canonicalJson(row.request) !== canonicalJson(fingerprint)) {
    throw new DomainError(
      'CONFLICT',
      'idempotencyKey: already used for a different order; use a new key',
      { field: 'idempotencyKey', executionId: row.id },
    );
  }
  if (row.completedAt === null) {
    throw new DomainError('CONFLICT', 'idempotencyKey: this execution is still running', {
      field: 'idempotencyKey',
      executionId: row.id,
    });
  }
  return row;
}

/** Records one account's answer and, for fills, its position, in one transaction. */
async function settle(
  deps: Pick<TradingDeps, 'db'>,
  request: ExecutionRequest,
  executionId: string,
  account: TradingAccount,
  outcome: { placed: PlacedOrder } | { error: string },
): Promise<void> {
  await deps.db.prisma.$transaction(async (tx) => {
    const key = { executionId_accountId: { executionId, accountId: account.id } };
    if ('error' in outcome) {
      await tx.tradeExecutionResult.update({
        where: key,
        data: { status: 'error', error: outcome.error },
      });
      return;
    }
    const { placed } = outcome;
    await tx.tradeExecutionResult.update({
      where: key,
      data: {
        status: placed.status,
        orderId: placed.orderId,
        quantity: placed.quantity,
        filled: placed.filled,
        price: placed.price,
        fee: placed.fee,
        feeCurrency: placed.feeCurrency,
        takeProfitOrderId: placed.takeProfitOrderId,
        error: placed.takeProfitError,
      },
    });
    if (placed.filled > 0 && placed.price !== null) {
      await applyFill(tx, {
        accountId: account.id,
        botId: request.botId ?? null,
        symbol: request.order.symbol,
        side: request.order.side === 'buy' ? 'BUY' : 'SELL',
        quantity: placed.held,
        price: placed.price,
        feeInQuote: placed.feeInQuote,
        time: placed.time,
      });
    }
  });
}

/**
 * Sends one order to every account at once and answers per account. The execution and a
 * `pending` result per account (with its client order id) are written before anything is
 * sent; each result is settled when its exchange answers, so one account's failure (a
 * rejection, an outage) never blocks or undoes another's, and a crash mid-way leaves the
 * pending ones to see. Under an idempotency key the same order answers the first execution
 * again and sends nothing.
 */
export async function executeOnAccounts(
  deps: TradingDeps,
  request: ExecutionRequest,
): Promise<Execution> {
  const fingerprint = {
    order: request.order,
    accounts: request.accounts.map((account) => account.id),
  } as unknown as Prisma.InputJsonValue;
  const previous = await earlier(deps, request, fingerprint);
  if (previous) return toExecution(previous, request.accounts, true);
  let executionId: string;
  try {
    executionId = await deps.db.prisma.$transaction(async (tx) => {
      const row = await tx.tradeExecution.create({
        data: {
          userId: request.userId,
          groupId: request.groupId ?? null,
          botId: request.botId ?? null,
          source: request.source,
          idempotencyKey: request.idempotencyKey ?? null,
          request: fingerprint,
        },
      });
      await tx.tradeExecutionResult.createMany({
        data: request.accounts.map((account) => ({
          executionId: row.id,
          accountId: account.id,
          clientOrderId: clientOrderIdOf(row.id, account.id),
        })),
      });
      return row.id;
    });
  } catch (error) {
    // Two calls with one key at once: the second answers like a retry.
    if (uniqueViolationFields(error)) {
      const row = await earlier(deps, request, fingerprint);
      if (row) return toExecution(row, request.accounts, true);
    }
    throw error;
  }
  await Promise.all(
    request.accounts.map(async (account) => {
      let outcome: { placed: PlacedOrder } | { error: string };
      try {
        const venue = accountVenue(deps, account);
        outcome = {
          placed: await placeOrder(
            venue,
            request.order,
            clientOrderIdOf(executionId, account.id),
            deps.now,
          ),
        };
      } catch (error) {
        outcome = { error: reasonOf(error) };
      }
      await settle(deps, request, executionId, account, outcome);
    }),
  );
  const results = await deps.db.prisma.tradeExecutionResult.findMany({ where: { executionId } });
  const errorCount = results.filter((result) => result.status === 'error').length;
  const row = await deps.db.prisma.tradeExecution.update({
    where: { id: executionId },
    data: { successCount: results.length - errorCount, errorCount, completedAt: deps.now() },
    include: RESULT_INCLUDE,
  });
  return toExecution(row, request.accounts, false);
}
