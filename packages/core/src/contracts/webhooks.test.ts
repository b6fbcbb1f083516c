import { describe, expect, it } from 'vitest';
import { ZWebhookCreateInput, ZWebhookPayload } from './webhooks.ts';

// Seed 000's example payloads, verbatim (bot.finished without its "..." comment line).
const SEED_EXAMPLES = {
  'bot.started': {
    event_type: 'bot.started',
    timestamp: '2024-01-15T10:00:00Z',
    bot_id: 1,
    data: {
      status: 'ACTIVE',
      mode: 'PAPER',
      start_time: '2024-01-15T10:00:00Z',
      initial_cash: 10000,
    },
  },
  'bot.finished': {
    event_type: 'bot.finished',
    timestamp: '2024-01-15T18:00:00Z',
    bot_id: 1,
    data: {
      status: 'COMPLETED',
      mode: 'PAPER',
      start_time: '2024-01-15T10:00:00Z',
      end_time: '2024-01-15T18:00:00Z',
      initial_cash: 10000,
      final_cash: 11250.5,
      total_trades: 50,
      winning_trades: 35,
      total_pnl: 1250.5,
      performance: { total_return: 12.5, win_rate: 70.0, sharpe_ratio: 1.85 },
    },
  },
  'bot.error': {
    event_type: 'bot.error',
    timestamp: '2024-01-15T12:00:00Z',
    bot_id: 1,
    data: {
      error_message: 'Connection timeout',
      error_stack: 'Error: Connection timeout\n    at ...',
      timestamp: '2024-01-15T12:00:00Z',
    },
  },
  'trade.executed': {
    event_type: 'trade.executed',
    timestamp: '2024-01-15T10:05:00Z',
    bot_id: 1,
    data: {
      trade_id: 123,
      symbol: 'AAPL',
      action: 'BUY',
      quantity: 10,
      price: 150.25,
      timestamp: '2024-01-15T10:05:00Z',
      pnl: null,
    },
  },
} as const;

describe('ZWebhookPayload', () => {
  it.each(['bot.started', 'bot.error', 'trade.executed'] as const)(
    "keeps seed 000's %s example as it is, field order included",
    (type) => {
      const example = SEED_EXAMPLES[type];
      const parsed = ZWebhookPayload.parse(example);
      expect(JSON.stringify(parsed)).toBe(JSON.stringify(example));
    },
  );

  it("carries the seed's bot.finished fields in order, with the full performance block", () => {
    const example = SEED_EXAMPLES['bot.finished'];
    expect(() => ZWebhookPayload.parse(example)).toThrow(/performance/);
    const full = {
      ...example,
      data: {
        ...example.data,
        performance: {
          ...example.data.performance,
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
    };
    const parsed = ZWebhookPayload.parse(full);
    expect(Object.keys(parsed)).toEqual(['event_type', 'timestamp', 'bot_id', 'data']);
    expect(Object.keys(parsed.data)).toEqual(Object.keys(example.data));
  });

  it('refuses an unknown event type', () => {
    expect(() =>
      ZWebhookPayload.parse({ ...SEED_EXAMPLES['bot.started'], event_type: 'bot.paused' }),
    ).toThrow();
  });
});

describe('ZWebhookCreateInput', () => {
  it("takes the REST body's fields and defaults active to true", () => {
    expect(
      ZWebhookCreateInput.parse({ url: 'https://example.com/hook', events: ['bot.started'] }),
    ).toEqual({
      url: 'https://example.com/hook',
      events: ['bot.started'],
      active: true,
    });
  });
});
