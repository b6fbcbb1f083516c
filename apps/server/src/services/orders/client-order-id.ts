/**
 * The client order id of a LIVE bot's `sequence`-th order: deterministic, so a retried submit or
 * a restarted server asks the exchange for the same id instead of placing the order twice.
 * Binance accepts `[.A-Za-z0-9:/_-]{1,36}`; ccxt passes it as `newClientOrderId`.
 */
export function clientOrderIdOf(botId: number, sequence: number): string {
  return `tw-${botId}-${sequence}`;
}

/** The bot and sequence of one of our client order ids, or undefined for anybody else's. */
export function parseClientOrderId(
  clientOrderId: string | undefined,
): { botId: number; sequence: number } | undefined {
  const match = /^tw-(\d+)-(\d+)$/.exec(clientOrderId ?? '');
  if (match === null) return undefined;
  return { botId: Number(match[1]), sequence: Number(match[2]) };
}
