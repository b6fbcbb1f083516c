import type { Bot, Prisma } from '@tradewind/db';
import type { DomainEvent } from '../../events/event-bus.ts';
import { type PendingEvent, writeOutbox } from '../../events/outbox.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { ledgerTerms, unbookedFills } from './book-exchange-fills.ts';
import { clientOrderIdOf, parseClientOrderId } from './client-order-id.ts';
import type { LiveVenue } from './live-step.ts';
import { placeOrder } from './place-order.ts';
import { refreshOpenOrders } from './refresh-open-orders.ts';
import { syncOrderFills } from './sync-order-fills.ts';

/** What reconciling a LIVE bot found and did (stored, sent as an alert, shown by the CLI). */
export type ReconcileReport = {
  botId: number;
  policy: string;
  /** Our open orders (by client order id) the bot keeps following. */
  adoptedOrders: Array<{ clientOrderId: string; symbol: string; status: string }>;
  /** Orders whose answer was lost, settled now (found on the exchange, or never placed). */
  settledOrders: Array<{ clientOrderId: string; status: string }>;
  /** Open orders on the account that are not ours: reported, left alone. */
  unknownOrders: Array<{ id: string; clientOrderId?: string; symbol: string }>;
  /** Exchange fills recorded now (they happened while no process ran the bot). */
  recordedFills: number;
  /** Per symbol: the ledger's position (with the fills just recorded) and what the account holds. */
  positions: Array<{ symbol: string; ledger: number; exchange: number; matches: boolean }>;
  /** What was done about differences: `paused`, `adopted ...`, `flattened ...`. */
  actions: string[];
  paused: boolean;
};

// Quantities within this of each other are equal (Decimal(20, 8) storage, fee rounding).
const TOLERANCE = 1e-8;

/**
 * Reconciles a LIVE bot with its exchange before it may trade, on every load (start, restart,
 * lease take-over): settles our orders whose answer was lost and follows our open ones (by
 * client order id), records the fills made while no process ran it (each once), lists unknown
 * open orders without touching them, and compares each position with what the account holds.
 * A position the account does not hold is a difference: by the bot's restart policy the bot is
 * paused with an alert (`resume`, the default), the ledger takes the exchange's quantity
 * (`adopt`), or the rest is sold (`flatten`) and the bot trades on. Protective stops need no
 * re-arming: the risk rules check every bar against the ledger, which is settled first.
 * The report is stored, and sent as an `alert` (kind `reconciled`).
 */
export async function reconcileBot(
  deps: Pick<ServiceDeps, 'db' | 'events' | 'now'>,
  live: LiveVenue,
  bot: Bot,
): Promise<ReconcileReport> {
  const { target, ledger } = live;
  const { prisma } = deps.db;
  const report: ReconcileReport = {
    botId: bot.id,
    policy: bot.restartPolicy,
    adoptedOrders: [],
    settledOrders: [],
    unknownOrders: [],
    recordedFills: 0,
    positions: [],
    actions: [],
    paused: false,
  };
  const fillsBefore = await prisma.orderFill.count({ where: { botId: bot.id } });
  const unconfirmed = new Set(
    (await prisma.order.findMany({ where: { botId: bot.id, confirmed: false } })).map(
      (order) => order.clientOrderId,
    ),
  );
  for (const order of await refreshOpenOrders(deps, target)) {
    if (unconfirmed.has(order.clientOrderId)) {
      report.settledOrders.push({ clientOrderId: order.clientOrderId, status: order.status });
    }
    if (order.status === 'NEW' || order.status === 'PARTIALLY_FILLED') {
      report.adoptedOrders.push({
        clientOrderId: order.clientOrderId,
        symbol: order.symbol,
        status: order.status,
      });
    }
  }
  const placed = await prisma.order.findMany({
    where: { botId: bot.id, exchangeOrderId: { not: null } },
  });
  await syncOrderFills(deps, target, placed);
  report.recordedFills = (await prisma.orderFill.count({ where: { botId: bot.id } })) - fillsBefore;
  for (const symbol of bot.symbols) {
    for (const order of await target.port.openOrders(symbol)) {
      if (parseClientOrderId(order.clientOrderId) !== undefined) continue;
      report.unknownOrders.push({
        id: order.id,
        ...(order.clientOrderId && { clientOrderId: order.clientOrderId }),
        symbol,
      });
    }
  }
  const expected = await expectedPositions(prisma, bot, ledger);
  const balances = await target.port.balances();
  const held = (currency: string) => balances.find((b) => b.currency === currency)?.total ?? 0;
  for (const symbol of bot.symbols) {
    const position = expected.get(symbol) ?? 0;
    const exchange = held(symbol.split('/')[0] ?? symbol);
    const matches = exchange + TOLERANCE >= position;
    report.positions.push({ symbol, ledger: position, exchange, matches });
    if (!matches) await resolveDifference(deps, live, bot, symbol, position - exchange, report);
  }
  await publishReport(deps, bot, target.botId, report);
  return report;
}

/** Each symbol's ledger position plus the recorded fills the ledger has not booked yet. */
async function expectedPositions(
  prisma: ServiceDeps['db']['prisma'],
  bot: Bot,
  ledger: LiveVenue['ledger'],
): Promise<Map<string, number>> {
  const positions = new Map(bot.symbols.map((s) => [s, ledger.positionQuantity(s)]));
  const unbooked = await unbookedFills(prisma, bot.id);
  for (const fill of unbooked) {
    const { symbol, side } = fill.order;
    const { quantity } = ledgerTerms(symbol, fill, side);
    positions.set(symbol, (positions.get(symbol) ?? 0) + (side === 'BUY' ? quantity : -quantity));
  }
  return positions;
}

/** Applies the bot's restart policy to `missing` units of `symbol` the account does not hold. */
async function resolveDifference(
  deps: Pick<ServiceDeps, 'db'>,
  live: LiveVenue,
  bot: Bot,
  symbol: string,
  missing: number,
  report: ReconcileReport,
): Promise<void> {
  const quantity = Number(missing.toPrecision(12));
  if (bot.restartPolicy === 'adopt') {
    await adoptShortfall(deps, bot, symbol, quantity);
    report.actions.push(
      `adopted: ${symbol} position reduced by ${quantity} to what the account holds`,
    );
    return;
  }
  if (bot.restartPolicy === 'flatten') {
    const held = live.ledger.positionQuantity(symbol) - quantity;
    if (held > 0) {
      const order = await placeOrder(
        deps,
        live.target,
        { symbol, side: 'SELL', type: 'market', quantity: held },
        'flatten',
      );
      report.actions.push(`flattened: sold ${held} ${symbol} (${order.status})`);
    }
    await adoptShortfall(deps, bot, symbol, quantity);
    report.actions.push(
      `adopted: ${symbol} position reduced by ${quantity} to what the account holds`,
    );
    return;
  }
  report.paused = true;
  report.actions.push(`paused: the account holds ${quantity} ${symbol} less than the ledger`);
}

/**
 * Takes the exchange's position as truth: a fee-free adjustment order and fill of the missing
 * quantity (never sent; client id `tw-<bot>-<n>` like any order) at the bot's last fill price,
 * booked on the ledger with reason `adopt` on the bot's next bar.
 */
async function adoptShortfall(
  deps: Pick<ServiceDeps, 'db'>,
  bot: Bot,
  symbol: string,
  quantity: number,
): Promise<void> {
  // Taken at the price of the bot's last exchange fill of the symbol: no PnL is invented.
  const last = await deps.db.prisma.orderFill.findFirst({
    where: { botId: bot.id, order: { symbol } },
    orderBy: [{ time: 'desc' }, { id: 'desc' }],
  });
  const price = Number(last?.price ?? 0);
  await deps.db.prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const { orderSequence } = await tx.bot.update({
      where: { id: bot.id },
      data: { orderSequence: { increment: 1 } },
      select: { orderSequence: true },
    });
    const clientOrderId = clientOrderIdOf(bot.id, orderSequence);
    await tx.order.create({
      data: {
        botId: bot.id,
        accountId: bot.accountId as string,
        sequence: orderSequence,
        clientOrderId,
        symbol,
        side: 'SELL',
        type: 'adjustment',
        quantity,
        filled: quantity,
        status: 'FILLED',
        reason: 'adopt',
        confirmed: true,
        fills: {
          create: {
            botId: bot.id,
            accountId: bot.accountId as string,
            exchangeFillId: `adopt-${clientOrderId}`,
            quantity,
            price,
            fee: 0,
            feeCurrency: symbol.split('/')[1] ?? '',
            time: new Date(),
          },
        },
      },
    });
  });
}

async function publishReport(
  deps: Pick<ServiceDeps, 'db' | 'events'>,
  bot: Bot,
  botId: number,
  report: ReconcileReport,
): Promise<void> {
  const summary = `Bot ${botId} reconciled: ${report.adoptedOrders.length} open order(s) adopted, ${report.settledOrders.length} settled, ${report.unknownOrders.length} unknown, ${report.recordedFills} fill(s) recorded${report.actions.length > 0 ? `; ${report.actions.join('; ')}` : ''}`;
  const events: PendingEvent[] = [
    {
      type: 'alert',
      userId: bot.userId,
      botId,
      payload: { botId, kind: 'reconciled', message: summary, values: report },
    },
  ];
  let published: DomainEvent[] = [];
  await deps.db.prisma.$transaction(async (tx) => {
    await tx.reconcileReport.create({
      data: {
        botId,
        owner: bot.leaseOwner ?? '',
        report: report as unknown as Prisma.InputJsonValue,
      },
    });
    if (report.paused) {
      const paused = await tx.bot.updateMany({
        where: { id: botId, status: 'ACTIVE' },
        data: { status: 'PAUSED' },
      });
      if (paused.count === 1) {
        events.push({
          type: 'bot.paused',
          userId: bot.userId,
          botId,
          payload: { botId, status: 'PAUSED', reason: 'reconcile', message: summary },
        });
      }
    }
    published = await writeOutbox(tx, events);
  });
  deps.events.publish(published);
}
