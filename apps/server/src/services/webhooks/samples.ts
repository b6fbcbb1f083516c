import { type WebhookEventType, type WebhookPayload, ZWebhookPayload } from '@tradewind/core';

/** Test events are about no real bot: `bot_id` 0 tells a receiver so. */
const TEST_BOT_ID = 0;

/** Seed 000's example payload of each event, dated now, for "send test event". */
export function samplePayload(eventType: WebhookEventType, now: Date): WebhookPayload {
  const at = now.toISOString();
  const started = new Date(now.getTime() - 8 * 3_600_000).toISOString();
  const head = { timestamp: at, bot_id: TEST_BOT_ID };
  const samples: Record<WebhookEventType, unknown> = {
    'bot.started': {
      event_type: 'bot.started',
      ...head,
      data: { status: 'ACTIVE', mode: 'PAPER', start_time: at, initial_cash: 10000 },
    },
    'bot.finished': {
      event_type: 'bot.finished',
      ...head,
      data: {
        status: 'COMPLETED',
        mode: 'PAPER',
        start_time: started,
        end_time: at,
        initial_cash: 10000,
        final_cash: 11250.5,
        total_trades: 50,
        winning_trades: 35,
        total_pnl: 1250.5,
        performance: {
          total_return: 12.5,
          win_rate: 70,
          sharpe_ratio: 1.85,
          sortino_ratio: 2.1,
          max_drawdown: 5.2,
          total_return_dollar: 1250.5,
          profit_factor: 2.15,
          losing_trades: 15,
          avg_win: 45.5,
          avg_loss: -25.3,
          largest_win: 125,
          largest_loss: -50,
        },
      },
    },
    'bot.error': {
      event_type: 'bot.error',
      ...head,
      data: { error_message: 'Test event: no error occurred', error_stack: null, timestamp: at },
    },
    'trade.executed': {
      event_type: 'trade.executed',
      ...head,
      data: {
        trade_id: 0,
        symbol: 'AAPL',
        action: 'BUY',
        quantity: 10,
        price: 150.25,
        timestamp: at,
        pnl: null,
      },
    },
  };
  return ZWebhookPayload.parse(samples[eventType]);
}
