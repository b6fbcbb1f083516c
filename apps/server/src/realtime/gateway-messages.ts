import type { GatewayServerMessage, GatewayTopic } from '@tradewind/core';
import type { DomainEvent } from '../events/event-bus.ts';

/** The bot's status after each lifecycle event. */
const STATUS_AFTER: Record<string, string> = {
  'bot.started': 'active',
  'bot.paused': 'paused',
  'bot.resumed': 'active',
  'bot.finished': 'completed',
  'bot.error': 'error',
};

type TradePayload = {
  id?: number;
  tradeId?: number;
  symbol?: string;
  action?: string;
  quantity?: number;
  price?: number;
  pnl?: number | null;
};

/** Which topic an event belongs to, and the message it becomes there. */
export type TopicMessage = { topic: GatewayTopic; message: GatewayServerMessage };

function side(action: string | undefined): 'buy' | 'sell' {
  return action === 'SELL' ? 'sell' : 'buy';
}

/**
 * The gateway messages a domain event becomes, one per topic it belongs to: bot lifecycle ->
 * `bot_update` (seeds 001/003); a trade -> `trade_executed` (seed 003, topic `trades`) and
 * `trading_update` (seed 004, topic `trading_updates`); a risk alert -> `alert` (seeds 003/004).
 * Other events (backtest progress) have no gateway topic: tRPC and SSE carry them.
 */
export function gatewayMessagesFor(event: DomainEvent): TopicMessage[] {
  const timestamp = event.createdAt.toISOString();
  const botId = event.botId === null ? null : String(event.botId);
  if (event.type === 'trade.executed') {
    const trade = event.payload as TradePayload;
    const common = {
      bot_id: botId ?? '',
      symbol: trade.symbol ?? '',
      side: side(trade.action),
      price: trade.price ?? 0,
    };
    return [
      {
        topic: 'trades',
        message: {
          type: 'trade_executed',
          event_id: event.id,
          trade: {
            id: String(trade.tradeId ?? trade.id ?? ''),
            ...common,
            quantity: trade.quantity ?? 0,
            profit: trade.pnl ?? null,
          },
          timestamp,
        },
      },
      {
        topic: 'trading_updates',
        message: {
          type: 'trading_update',
          event_id: event.id,
          timestamp,
          data: { event: 'trade_executed', ...common, size: trade.quantity ?? 0 },
        },
      },
    ];
  }
  if (event.type === 'alert') {
    const alert = event.payload as { kind?: string; message?: string };
    const message = alert.message ?? 'Risk alert';
    return [
      {
        topic: 'alerts',
        message: {
          type: 'alert',
          event_id: event.id,
          level: 'warning',
          message,
          timestamp,
          data: {
            id: event.id,
            bot_id: botId,
            severity: 'high',
            title: (alert.kind ?? 'alert').replaceAll('_', ' '),
            message,
          },
        },
      },
    ];
  }
  if (!event.type.startsWith('bot.')) return [];
  return [
    {
      topic: 'bot_updates',
      message: {
        type: 'bot_update',
        event_id: event.id,
        event: event.type,
        bot_id: botId ?? '',
        status: STATUS_AFTER[event.type] ?? 'unknown',
        data: { ...event.payload },
        timestamp,
      },
    },
  ];
}

/** Serialises each event's messages once, however many connections send them. */
export class RenderedMessages {
  readonly #cache = new WeakMap<DomainEvent, { topic: GatewayTopic; text: string }[]>();

  for(event: DomainEvent): readonly { topic: GatewayTopic; text: string }[] {
    let rendered = this.#cache.get(event);
    if (!rendered) {
      rendered = gatewayMessagesFor(event).map(({ topic, message }) => ({
        topic,
        text: JSON.stringify(message),
      }));
      this.#cache.set(event, rendered);
    }
    return rendered;
  }
}
