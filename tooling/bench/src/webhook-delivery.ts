/**
 * Webhook delivery throughput and latency: a burst of outbox events fanned out to S
 * subscriptions of one user and POSTed, signed, to a local receiver by a real server's
 * dispatcher (embedded PGlite in memory). Deliveries to one subscription go one at a time, in
 * order; several subscriptions go in parallel up to WEBHOOK_CONCURRENCY.
 */
import { openDatabase } from '@tradewind/db';
import { createTradewindClient } from '@tradewind/sdk';
import { loadConfig, startServer } from '@tradewind/server';
import { startWebhookReceiver } from '@tradewind/testing';
import { formatNumber, summarize } from './stats.ts';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 300);
const SUBSCRIPTION_COUNTS = [1, 4];

console.log(`## Webhook deliveries: ${EVENTS} outbox events, signed POSTs to a local receiver\n`);
console.log(
  '| subscriptions | deliveries | total (s) | deliveries/s | latency p50 (ms) | latency max (ms) |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');

for (const subscriptions of SUBSCRIPTION_COUNTS) {
  const db = await openDatabase({ dataDir: 'memory://' });
  const config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_SCALE: '1000' }),
    webhookAllowPrivateUrls: true,
  };
  const server = await startServer(config, { database: db });
  const receiver = await startWebhookReceiver();
  try {
    const anonymous = createTradewindClient({ url: server.url });
    const { accessToken } = await anonymous.auth.register.mutate({
      email: 'bench@example.com',
      password: 'correct horse battery 42',
      firstName: 'Bench',
    });
    const client = createTradewindClient({
      url: server.url,
      headers: () => ({ authorization: `Bearer ${accessToken}` }),
    });
    for (let i = 0; i < subscriptions; i++) {
      await client.webhooks.create.mutate({
        url: receiver.url,
        events: ['bot.error'],
        secret: 'bench-secret-0123456789',
      });
    }
    const user = await db.prisma.user.findFirstOrThrow({ where: { email: 'bench@example.com' } });
    // The outbox rows a burst of bot failures would write; bot.error needs no bot row.
    const started = performance.now();
    const createdAt = new Date();
    await db.prisma.outboxEvent.createMany({
      data: Array.from({ length: EVENTS }, (_, i) => ({
        type: 'bot.error',
        userId: user.id,
        botId: i + 1,
        payload: { botId: i + 1, message: `failure ${i}` },
        createdAt,
      })),
    });
    const expected = EVENTS * subscriptions;
    await receiver.waitFor(expected, 600_000);
    const seconds = (performance.now() - started) / 1000;
    const latencies = receiver.received.map((webhook) => webhook.receivedAt - createdAt.getTime());
    const { median, max } = summarize(latencies);
    console.log(
      `| ${subscriptions} | ${expected} | ${seconds.toFixed(2)} | ${formatNumber(expected / seconds)} | ${formatNumber(median)} | ${formatNumber(max)} |`,
    );
  } finally {
    await receiver.close();
    await server.close();
    await db.close();
  }
}
console.log(
  '\nLatency: from the outbox insert to the receiver getting the POST; the dispatcher is woken ' +
    'by its 1 s sweep here (bots wake it through the event bus). Receiver and server share one ' +
    'process.',
);
