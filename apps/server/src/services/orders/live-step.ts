import type { Fill, Instrument, OrderRejection } from '@tradewind/engine';
import { minimumProblem } from '@tradewind/engine';
import type { ServiceDeps } from '../../service-deps.ts';
import type { LiveLedger } from '../../venues/live-ledger.ts';
import { type AccountLimits, limitProblem } from './account-limits.ts';
import { bookExchangeFills } from './book-exchange-fills.ts';
import type { LiveTarget } from './live-target.ts';
import { placeOrder } from './place-order.ts';
import { refreshOpenOrders } from './refresh-open-orders.ts';

/** A LIVE bot's side of its venue: the account's port, its limits, the ledger and the markets. */
export type LiveVenue = {
  target: LiveTarget;
  limits: AccountLimits;
  ledger: LiveLedger;
  instruments: Readonly<Record<string, Instrument>>;
};

/** The parts of a bar step the live step reads and extends. */
type Step = {
  time: number;
  fills: Fill[];
  reasons: string[];
  rejections: OrderRejection[];
  equity: number;
};

/**
 * A LIVE bot's bar, after its strategy and risk rules ran: each order they asked for is checked
 * (the market's minimums at the last close, the account's limits) and refused with the reason,
 * or placed on the exchange; open orders are refreshed; then every exchange fill not yet on the
 * ledger is booked, becoming this bar's fills (written as Trades with the bar).
 */
export async function liveStep<S extends Step>(
  deps: Pick<ServiceDeps, 'db'>,
  live: LiveVenue,
  bot: { botId: number; fillSequence: number; symbols: readonly string[] },
  step: S,
): Promise<S> {
  const { ledger, target } = live;
  const rejections = [...step.rejections];
  for (const { order, reason } of ledger.takeIntents(bot.symbols)) {
    const price = ledger.position(order.symbol).lastPrice;
    const instrument = live.instruments[order.symbol];
    const below = instrument && minimumProblem(instrument, order.quantity, price);
    const problem =
      below ??
      (await limitProblem(deps, target.accountId, live.limits, order.side, order.quantity * price));
    const refuse = (kind: OrderRejection['reason'], message: string) =>
      rejections.push({ order, time: step.time, reason: kind, message });
    const label = `${order.side.toLowerCase()} ${order.quantity} ${order.symbol}`;
    if (problem !== undefined) {
      refuse(below ? 'BELOW_MINIMUM' : 'LIMIT_EXCEEDED', `${label}: ${problem}`);
      continue;
    }
    const placed = await placeOrder(
      deps,
      target,
      { symbol: order.symbol, side: order.side, type: 'market', quantity: order.quantity },
      reason,
    );
    if (placed.status === 'REJECTED') refuse('EXCHANGE_REJECTED', `${label}: ${placed.error}`);
  }
  await refreshOpenOrders(deps, target);
  const booked = await bookExchangeFills(
    deps.db.prisma,
    { id: bot.botId, fillSequence: bot.fillSequence },
    ledger,
  );
  return {
    ...step,
    fills: [...step.fills, ...booked.fills],
    reasons: [...step.reasons, ...booked.reasons],
    rejections,
    equity: ledger.equity(),
  };
}
