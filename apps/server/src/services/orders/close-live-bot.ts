import type { Bot } from '@tradewind/db';
import type { ServiceDeps } from '../../service-deps.ts';
import { openCredentials } from '../accounts/account-credentials.ts';
import type { LiveTarget } from './live-target.ts';
import { placeOrder } from './place-order.ts';
import { refreshOpenOrders } from './refresh-open-orders.ts';

/**
 * Before a LIVE bot finishes (stop, terminate, scheduled end): cancels its open orders and sells
 * each open position on the exchange (reason `stop`), recording the fills; `finishBot` then
 * books them instead of closing at the last price. A paper bot, or one no longer running, is left alone.
 */
export async function closeLiveBot(
  deps: Pick<ServiceDeps, 'db' | 'venues' | 'secretBox'>,
  bot: Pick<Bot, 'id' | 'accountId' | 'mode' | 'status'>,
): Promise<void> {
  const running = ['ACTIVE', 'PAUSED', 'STOPPING'].includes(bot.status);
  if (bot.mode !== 'LIVE' || bot.accountId === null || !running) return;
  const { prisma } = deps.db;
  const account = await prisma.account.findUnique({ where: { id: bot.accountId } });
  if (account?.credentialsEncrypted == null) return;
  const target: LiveTarget = {
    botId: bot.id,
    accountId: account.id,
    port: deps.venues.execution({
      exchangeId: account.exchange,
      testnet: account.isTestnet,
      credentials: openCredentials(deps.secretBox, account.credentialsEncrypted),
    }),
  };
  for (const order of await refreshOpenOrders(deps, target)) {
    if (order.exchangeOrderId === null) continue;
    if (order.status === 'NEW' || order.status === 'PARTIALLY_FILLED') {
      await target.port.cancelOrder(order.symbol, order.exchangeOrderId);
    }
  }
  await refreshOpenOrders(deps, target);
  const positions = await prisma.position.findMany({ where: { botId: bot.id, closedAt: null } });
  for (const position of positions) {
    const quantity = Number(position.quantity);
    if (quantity <= 0) continue;
    await placeOrder(
      deps,
      target,
      { symbol: position.symbol, side: 'SELL', type: 'market', quantity },
      'stop',
    );
  }
}
