import {
  toMoney,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
  type WebhookPayload,
  ZWebhookPayload,
} from '@tradewind/core';
import type { OutboxEvent, Prisma } from '@tradewind/db';

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

type OutboxPayload = Record<string, unknown>;

/**
 * Seed 000's payload for an outbox event, or null when its bot no longer exists. Built once,
 * when the deliveries are created, so retries send the same bytes; the bot's immutable facts
 * (mode, start, final figures once finished) come from its row, the moment's facts from the
 * event.
 */
export async function buildWebhookPayload(
  tx: Prisma.TransactionClient,
  event: OutboxEvent & { type: WebhookEventType },
): Promise<WebhookPayload | null> {
  const payload = event.payload as OutboxPayload;
  const botId = event.botId;
  if (botId === null) return null;
  const head = { timestamp: event.createdAt.toISOString(), bot_id: botId };
  switch (event.type) {
    case 'bot.started': {
      const bot = await tx.bot.findUnique({ where: { id: botId } });
      if (bot === null) return null;
      return ZWebhookPayload.parse({
        event_type: 'bot.started',
        ...head,
        data: {
          status: 'ACTIVE',
          mode: bot.mode,
          start_time: (bot.startTime ?? bot.createdAt).toISOString(),
          initial_cash: toMoney(bot.initialCash),
          feed: bot.feed,
        },
      });
    }
    case 'bot.finished':
      return finishedPayload(tx, botId, payload, head);
    case 'bot.error':
      return ZWebhookPayload.parse({
        event_type: 'bot.error',
        ...head,
        data: {
          error_message: String(payload.message ?? 'unknown error'),
          // The strategy's own frames (see strategyStack), recorded when the bot failed.
          error_stack: typeof payload.stack === 'string' ? payload.stack : null,
          timestamp: head.timestamp,
        },
      });
    case 'trade.executed':
      return ZWebhookPayload.parse({
        event_type: 'trade.executed',
        ...head,
        data: {
          trade_id: payload.id,
          symbol: payload.symbol,
          action: payload.action,
          quantity: payload.quantity,
          price: payload.price,
          timestamp: payload.timestamp,
          pnl: payload.pnl ?? null,
          feed: payload.feed,
        },
      });
  }
}

async function finishedPayload(
  tx: Prisma.TransactionClient,
  botId: number,
  payload: OutboxPayload,
  head: { timestamp: string; bot_id: number },
): Promise<WebhookPayload | null> {
  const bot = await tx.bot.findUnique({ where: { id: botId } });
  if (bot === null) return null;
  const recordId =
    typeof payload.performanceRecordId === 'number' ? payload.performanceRecordId : -1;
  const record = await tx.performanceRecord.findUnique({ where: { id: recordId } });
  // The bot row's ledger figures, so the payload says what REST says (core's money rule).
  const finalCash = toMoney(bot.finalCash ?? bot.currentCash);
  return ZWebhookPayload.parse({
    event_type: 'bot.finished',
    ...head,
    data: {
      status: bot.status,
      mode: bot.mode,
      start_time: (bot.startTime ?? bot.createdAt).toISOString(),
      end_time: (bot.endTime ?? new Date(head.timestamp)).toISOString(),
      initial_cash: toMoney(bot.initialCash),
      final_cash: finalCash,
      total_trades: bot.totalTrades,
      winning_trades: bot.winningTrades,
      total_pnl: toMoney(bot.totalPnl),
      feed: bot.feed,
      performance: record && {
        total_return: record.totalReturn,
        win_rate: record.winRate,
        sharpe_ratio: record.sharpeRatio,
        sortino_ratio: record.sortinoRatio,
        max_drawdown: record.maxDrawdown,
        total_return_dollar: toMoney(record.totalReturnDollar),
        profit_factor: record.profitFactor,
        losing_trades: record.losingTrades,
        avg_win: record.avgWin,
        avg_loss: record.avgLoss,
        largest_win: record.largestWin,
        largest_loss: record.largestLoss,
      },
    },
  });
}
