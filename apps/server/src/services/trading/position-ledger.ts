import type { Prisma } from '@tradewind/db';

/** One exchange fill of an order Tradewind placed, its fee valued in the quote currency. */
export type LedgerFill = {
  accountId: string;
  botId: number | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  price: number;
  feeInQuote: number;
  time: Date;
  /** Closes the position whatever is left: the dust below the market's step cannot be sold. */
  closesPosition?: boolean;
};

/**
 * Applies a fill to the account's position in the symbol (long only: spot). A buy opens or
 * adds to the open position at the average price; a sell reduces it, realizing
 * `(price - entry) * quantity`, and closes it when nothing is left; `pnl` is net of every fee. A sell beyond what
 * Tradewind opened sells holdings it did not open: only the part it opened is booked.
 * Returns the realized PnL.
 */
export async function applyFill(tx: Prisma.TransactionClient, fill: LedgerFill): Promise<number> {
  const open = await tx.tradingPosition.findFirst({
    where: { accountId: fill.accountId, symbol: fill.symbol, closedAt: null },
  });
  if (fill.side === 'BUY') {
    if (open === null) {
      await tx.tradingPosition.create({
        data: {
          accountId: fill.accountId,
          botId: fill.botId,
          symbol: fill.symbol,
          quantity: fill.quantity,
          size: fill.quantity,
          entryPrice: fill.price,
          fee: fill.feeInQuote,
          pnl: -fill.feeInQuote,
          openedAt: fill.time,
        },
      });
      return 0;
    }
    const held = open.quantity.toNumber();
    const quantity = held + fill.quantity;
    const entryPrice = (open.entryPrice.toNumber() * held + fill.price * fill.quantity) / quantity;
    await tx.tradingPosition.update({
      where: { id: open.id },
      data: {
        quantity,
        size: open.size.toNumber() + fill.quantity,
        entryPrice,
        fee: { increment: fill.feeInQuote },
        pnl: { decrement: fill.feeInQuote },
      },
    });
    return 0;
  }
  if (open === null) return 0;
  const held = open.quantity.toNumber();
  const sold = Math.min(held, fill.quantity);
  const pnl = (fill.price - open.entryPrice.toNumber()) * sold - fill.feeInQuote;
  const remaining = held - sold;
  const exitValue = open.exitValue.toNumber() + fill.price * sold;
  const closes = fill.closesPosition === true || remaining <= open.size.toNumber() * 1e-9;
  await tx.tradingPosition.update({
    where: { id: open.id },
    data: {
      quantity: closes ? 0 : remaining,
      exitValue,
      exitPrice: exitValue / (open.size.toNumber() - (closes ? 0 : remaining)),
      pnl: { increment: pnl },
      fee: { increment: fill.feeInQuote },
      ...(closes && { closedAt: fill.time }),
    },
  });
  return pnl;
}
