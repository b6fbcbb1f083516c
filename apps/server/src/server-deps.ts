import type { RealtimeHub } from './realtime/realtime-hub.ts';
import type { BacktestRunner } from './runtime/backtests/backtest-runner.ts';
import type { WebhookDispatcher } from './runtime/webhooks/webhook-dispatcher.ts';
import type { ServiceDeps } from './service-deps.ts';

/**
 * Everything the assembled server holds: the leaf `ServiceDeps` services take their parts from, plus
 * the workers built on top of those services. Only the assembly (start, build, route
 * registration, the tRPC context) takes the whole of it.
 */
export type ServerDeps = ServiceDeps & {
  /** Fan-out of bus events to realtime streams, their registry, caps and stats. */
  realtime: RealtimeHub;
  /** Delivers outbox events to webhook subscriptions; sends test events and redeliveries. */
  webhooks: WebhookDispatcher;
  /** This process's share of the backtest queue; cancels and progress listeners. */
  backtests: BacktestRunner;
};
