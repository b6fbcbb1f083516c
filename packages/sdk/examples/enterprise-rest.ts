/**
 * The enterprise REST API from the SDK: start a paper bot, watch it, stop it, read its
 * performance and your stats. Run against a server (Enterprise-plan account, CONTROL key):
 *
 *   TRADEWIND_URL=http://localhost:8001 TRADEWIND_API_KEY=twk_… pnpm --filter @tradewind/server exec tsx ../../packages/sdk/examples/enterprise-rest.ts
 */
import { randomUUID } from 'node:crypto';
import { createEnterpriseRestClient, isEnterpriseApiError } from '@tradewind/sdk';

const apiKey = process.env.TRADEWIND_API_KEY;
if (!apiKey) throw new Error('Set TRADEWIND_API_KEY to an API key of an Enterprise-plan account');
const client = createEnterpriseRestClient({
  url: process.env.TRADEWIND_URL ?? 'http://localhost:8001',
  apiKey,
});

try {
  // A retry with the same idempotency key can never start a second bot.
  const bot = await client.bots.start(
    { mode: 'PAPER', initialCash: 10_000, symbols: ['AAPL', 'GOOGL'], strategy: 'MovingAverage' },
    { idempotencyKey: randomUUID() },
  );
  console.log(`started bot ${bot.id}: ${bot.status}, ${bot.initial_cash} cash`);

  await new Promise((resolve) => setTimeout(resolve, Number(process.env.WATCH_MS ?? 2_000)));
  const detail = await client.bots.get(bot.id);
  console.log(`bot ${detail.id}: ${detail.trades.length} trades, PnL ${detail.total_pnl}`);

  console.log(await client.bots.stop(bot.id));
  const [record] = await client.performance.list({ limit: 1 });
  console.log(`performance: ${record?.total_return}% return over ${record?.total_trades} trades`);
  const stats = await client.stats();
  console.log(`stats: ${stats.total_bots} bots, ${stats.total_trades} trades`);
} catch (error) {
  if (!isEnterpriseApiError(error)) throw error;
  // Every failure carries the HTTP status, the seed's message and the request id.
  console.error(`${error.status} ${error.message} (request ${error.requestId})`);
  if (error.body?.activeBotId) console.error(`bot ${error.body.activeBotId} is still active`);
  process.exitCode = 1;
}
