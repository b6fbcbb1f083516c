import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../events/event-bus.ts';
import { alertRuleFor } from './alert-rules.ts';

const event = (type: DomainEvent['type'], payload: Record<string, unknown>): DomainEvent => ({
  id: '7',
  type,
  userId: '00000000-0000-4000-8000-000000000001',
  botId: 12,
  payload,
  createdAt: new Date(0),
});

describe('alertRuleFor', () => {
  it('raises feed_unavailable for the bot, and feed_restored or the bot finishing ends it', () => {
    const down = alertRuleFor(
      event('alert', {
        kind: 'feed_unavailable',
        message: 'Waiting for binance',
        values: { feed: 'binance' },
      }),
    );
    expect(down).toEqual({
      raise: {
        userId: '00000000-0000-4000-8000-000000000001',
        botId: 12,
        kind: 'feed_unavailable',
        type: 'warning',
        severity: 'medium',
        title: 'Market feed unreachable',
        message: 'Bot 12: Waiting for binance',
        values: { feed: 'binance' },
        openKey: 'feed_unavailable:bot:12',
      },
    });
    expect(alertRuleFor(event('alert', { kind: 'feed_restored', message: '' }))).toEqual({
      resolve: ['feed_unavailable:bot:12'],
    });
    expect(alertRuleFor(event('bot.finished', {}))).toEqual({
      resolve: ['max_drawdown:bot:12', 'max_daily_loss:bot:12', 'feed_unavailable:bot:12'],
    });
  });

  it('raises bot_error and ledger_inconsistent; a resume ends only the guards', () => {
    expect(alertRuleFor(event('bot.error', { message: 'boom' }))).toMatchObject({
      raise: { kind: 'bot_error', severity: 'high', message: 'Bot 12 stopped with an error: boom' },
    });
    expect(
      alertRuleFor(event('alert', { kind: 'ledger_inconsistent', message: 'x' })),
    ).toMatchObject({
      raise: { kind: 'ledger_inconsistent', severity: 'critical', type: 'error' },
    });
    expect(alertRuleFor(event('bot.resumed', {}))).toEqual({
      resolve: ['max_drawdown:bot:12', 'max_daily_loss:bot:12'],
    });
  });

  it('leaves stop-losses, gaps, trades and events without a bot alone', () => {
    expect(alertRuleFor(event('alert', { kind: 'stop_loss', message: 'x' }))).toBeUndefined();
    expect(alertRuleFor(event('alert', { kind: 'feed_gap', message: 'x' }))).toBeUndefined();
    expect(alertRuleFor(event('trade.executed', {}))).toBeUndefined();
    expect(alertRuleFor({ ...event('bot.error', {}), botId: null })).toBeUndefined();
  });
});
