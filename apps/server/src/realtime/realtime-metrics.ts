import { Gauge, type Registry } from 'prom-client';
import type { ConnectionRegistry } from './connection-registry.ts';

/**
 * Realtime figures as Prometheus metrics, read from the registry at scrape time (so nothing is
 * updated on the hot path). Counters are exposed as gauges of running totals, because the
 * registry owns the counts.
 */
export function registerRealtimeMetrics(registry: Registry, connections: ConnectionRegistry): void {
  const stats = () => connections.stats();
  new Gauge({
    name: 'tradewind_realtime_connections',
    help: 'Open realtime streams by transport (websocket gateway, sse, trpc subscriptions)',
    labelNames: ['transport'] as const,
    registers: [registry],
    collect() {
      for (const [transport, count] of Object.entries(stats().connectionsByTransport)) {
        this.labels(transport).set(count);
      }
    },
  });
  new Gauge({
    name: 'tradewind_realtime_subscriptions',
    help: 'Gateway connections subscribed, by topic',
    labelNames: ['topic'] as const,
    registers: [registry],
    collect() {
      for (const [topic, count] of Object.entries(stats().subscriptionStats)) {
        this.labels(topic).set(count);
      }
    },
  });
  const totals = [
    ['tradewind_realtime_messages_sent_total', 'Realtime messages sent', 'messagesSentTotal'],
    [
      'tradewind_realtime_messages_dropped_total',
      'Realtime messages dropped for slow consumers',
      'messagesDropped',
    ],
    [
      'tradewind_realtime_slow_consumers_disconnected_total',
      'Realtime streams cut off for reading too slowly',
      'slowConsumersDisconnected',
    ],
  ] as const;
  for (const [name, help, field] of totals) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(stats()[field]);
      },
    });
  }
}
