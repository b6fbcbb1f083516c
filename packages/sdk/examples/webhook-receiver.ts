/**
 * A webhook receiver that verifies every delivery before trusting it, then acknowledges at once.
 * Run it, then point a subscription at it (`tradewind webhooks add http://localhost:3000/webhook
 * --event bot.started trade.executed --secret $WEBHOOK_SECRET`, with
 * WEBHOOK_ALLOW_PRIVATE_URLS=true on a development server):
 *
 *   WEBHOOK_SECRET=… PORT=3000 pnpm --filter @tradewind/server exec tsx ../../packages/sdk/examples/webhook-receiver.ts
 */
import { createServer } from 'node:http';
import {
  isWithinReplayWindow,
  verifyWebhook,
  verifyWebhookSignature,
  WebhookVerificationError,
} from '@tradewind/sdk';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) throw new Error('Set WEBHOOK_SECRET to the secret the subscription was created with');
/** Retries reuse the webhook-id: remember recent ones to handle each event once. */
const seen = new Set<string>();

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    // Verify the raw bytes as received, before any JSON parsing.
    const rawBody = Buffer.concat(chunks);
    // Seed 000's header alone proves the body; the Standard Webhooks headers add the replay window.
    if (!verifyWebhookSignature(rawBody, request.headers['x-webhook-signature'], secret)) {
      console.log('refused: bad X-Webhook-Signature');
      response.writeHead(401).end('Invalid signature');
      return;
    }
    if (!isWithinReplayWindow(request.headers['webhook-timestamp'])) {
      console.log('refused: outside the replay window');
      response.writeHead(401).end('Stale delivery');
      return;
    }
    try {
      const { id, payload } = verifyWebhook(rawBody, request.headers, secret);
      response.writeHead(200).end('OK');
      if (seen.has(id)) return;
      seen.add(id);
      if (seen.size > 10_000) seen.delete(seen.values().next().value as string);
      switch (payload.event_type) {
        case 'bot.started':
          console.log(`bot ${payload.bot_id} started with ${payload.data.initial_cash}`);
          break;
        case 'trade.executed':
          console.log(
            `trade: ${payload.data.action} ${payload.data.quantity} ${payload.data.symbol} @ ${payload.data.price}`,
          );
          break;
        case 'bot.finished':
          console.log(`bot ${payload.bot_id} finished with PnL ${payload.data.total_pnl}`);
          break;
        case 'bot.error':
          console.log(`bot ${payload.bot_id} failed: ${payload.data.error_message}`);
          break;
      }
    } catch (error) {
      const reason = error instanceof WebhookVerificationError ? error.message : 'bad request';
      console.log(`refused: ${reason}`);
      response.writeHead(401).end(reason);
    }
  });
});

server.listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`listening on http://localhost:${process.env.PORT ?? 3000}/webhook`);
});
