import type { OrderFill, Prisma } from '@tradewind/db';
import type { Fill, OrderSide } from '@tradewind/engine';
import type { LiveLedger } from '../../venues/live-ledger.ts';

/** Exchange fills booked on a bot's ledger on this step: its next Trade rows, in order. */
export type BookedFills = { fills: Fill[]; reasons: string[] };

// 12 significant digits: removes float noise (0.01 - 0.00001) without moving a real quantity.
const clean = (value: number): number => Number(value.toPrecision(12));

/**
 * What one exchange fill does to a ledger kept in the quote currency. A fee taken in the base
 * asset (Binance charges a buy's fee in what it bought) leaves the bot holding that much less,
 * so the ledger books the net quantity and the fee's worth in cash: the cost stays quantity x
 * price, and the position equals what the account holds. A fee in the quote is cash as it is; a
 * fee in a third currency (BNB) is outside the bot's cash and is not booked.
 */
export function ledgerTerms(
  symbol: string,
  fill: Pick<OrderFill, 'quantity' | 'price' | 'fee' | 'feeCurrency'>,
  side: OrderSide,
): { quantity: number; fee: number } {
  const [base, quote] = symbol.split('/');
  const quantity = Number(fill.quantity);
  const price = Number(fill.price);
  const fee = Number(fill.fee);
  if (fill.feeCurrency === base) {
    return { quantity: side === 'BUY' ? clean(quantity - fee) : quantity, fee: fee * price };
  }
  return { quantity, fee: fill.feeCurrency === quote ? fee : 0 };
}

/**
 * Books the bot's exchange fills its ledger does not hold yet (see `unbookedFills`) on `ledger`,
 * oldest first, and claims for each the Trade sequence it will be written under (from the bot's
 * `fillSequence`). The caller writes the Trade rows in its bar transaction; if that rolls back,
 * no Trade has the claimed sequence and the fills are booked again on reload: each exchange fill
 * reaches the ledger exactly once.
 * `prisma`: the client, or the caller's transaction when it holds the bot's row.
 */
export async function bookExchangeFills(
  prisma: Prisma.TransactionClient,
  bot: { id: number; fillSequence: number },
  ledger: LiveLedger,
): Promise<BookedFills> {
  const rows = await unbookedFills(prisma, bot.id);
  const booked: BookedFills = { fills: [], reasons: [] };
  let sequence = bot.fillSequence;
  for (const row of rows) {
    const { symbol, side, reason } = row.order;
    const terms = ledgerTerms(symbol, row, side);
    const result = ledger.applyExchangeFill(
      symbol,
      side,
      terms.quantity,
      Number(row.price),
      row.time.getTime(),
      terms.fee,
    );
    if (!('price' in result)) continue;
    sequence++;
    booked.fills.push(result);
    booked.reasons.push(reason);
    await prisma.orderFill.update({ where: { id: row.id }, data: { tradeSequence: sequence } });
  }
  return booked;
}

/**
 * The bot's recorded exchange fills without a committed Trade: never claimed, or claimed under
 * a sequence no Trade row has (its bar's transaction rolled back). Oldest first.
 */
export async function unbookedFills(prisma: Prisma.TransactionClient, botId: number) {
  const ids = await prisma.$queryRaw<Array<{ id: number }>>`
    SELECT f.id FROM order_fills f
    WHERE f.bot_id = ${botId}
      AND (f.trade_sequence IS NULL OR NOT EXISTS (
        SELECT 1 FROM trades t WHERE t.bot_id = f.bot_id AND t.sequence = f.trade_sequence))`;
  if (ids.length === 0) return [];
  return prisma.orderFill.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
    include: { order: { select: { symbol: true, side: true, reason: true } } },
    orderBy: [{ time: 'asc' }, { id: 'asc' }],
  });
}
