import os from 'node:os';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { DomainEvent } from '../../events/event-bus.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { alertRuleFor } from '../../services/alerts/alert-rules.ts';
import { resolveByRule, storeRaisedAlert } from '../../services/alerts/alert-store.ts';
import { checkWebhooks } from '../../services/alerts/check-webhooks.ts';
import { recordMetricSample } from '../../services/metrics/record-metric-sample.ts';
import { deliverNotifications } from '../../services/notifications/deliver-notifications.ts';

type Logger = { warn(obj: object, msg: string): void };
type MonitorDeps = Pick<
  ServiceDeps,
  'db' | 'events' | 'now' | 'config' | 'secretBox' | 'mailer' | 'startedAt'
>;

/**
 * The operator alert rules at work in this process: each domain event on the bus goes through
 * the event rules (in arrival order, one at a time), and every `intervalMs` the periodic checks
 * run (webhook subscriptions failing) and the notification outbox is drained; every
 * `METRICS_SAMPLE_MS` it stores a metric sample of this process. Every process runs it; the alert store's unique keys make
 * a condition raise one alert however many processes see it.
 */
export class OperationsMonitor {
  readonly #deps: MonitorDeps;
  readonly #intervalMs: number;
  readonly #logger: Logger | undefined;
  #queue: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> | undefined;
  #sampleTimer: NodeJS.Timeout | undefined;
  #sampling: Promise<void> | undefined;
  readonly #lag: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  readonly #process = `${os.hostname()}:${process.pid}`;

  constructor(deps: MonitorDeps, options: { intervalMs: number; logger?: Logger }) {
    this.#deps = deps;
    this.#intervalMs = options.intervalMs;
    this.#logger = options.logger;
  }

  start(): void {
    this.#unsubscribe = this.#deps.events.subscribe((event) => {
      this.#queue = this.#queue.then(() => this.#apply(event));
    });
    this.#timer = setInterval(() => {
      this.#checking ??= this.check().finally(() => {
        this.#checking = undefined;
      });
    }, this.#intervalMs);
    this.#lag.enable();
    this.#sampleTimer = setInterval(() => {
      this.#sampling ??= this.sample().finally(() => {
        this.#sampling = undefined;
      });
    }, this.#deps.config.metricsSampleMs);
  }

  /** Stores a metric sample of this process now (the interval calls it). */
  async sample(): Promise<void> {
    const lagMs = this.#lag.max / 1e6;
    this.#lag.reset();
    try {
      await recordMetricSample(this.#deps, this.#process, Number.isFinite(lagMs) ? lagMs : 0);
    } catch (error) {
      this.#logger?.warn({ err: error }, 'metric sample failed');
    }
  }

  /** Runs the periodic checks once (the interval calls it; tests may too). */
  async check(): Promise<void> {
    try {
      await checkWebhooks(this.#deps.db, this.#deps.now());
    } catch (error) {
      this.#logger?.warn({ err: error }, 'operations check failed');
    }
    try {
      await deliverNotifications(this.#deps);
    } catch (error) {
      this.#logger?.warn({ err: error }, 'notification pass failed');
    }
  }

  /** Stops listening and checking, and waits for the work in flight. */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    clearInterval(this.#timer);
    clearInterval(this.#sampleTimer);
    this.#lag.disable();
    await this.#queue;
    await this.#checking;
    await this.#sampling;
  }

  async #apply(event: DomainEvent): Promise<void> {
    const action = alertRuleFor(event);
    if (action === undefined) return;
    try {
      const eventId = BigInt(event.id);
      if ('raise' in action) await storeRaisedAlert(this.#deps.db, action.raise, eventId);
      else await resolveByRule(this.#deps.db, action.resolve, this.#deps.now(), eventId);
    } catch (error) {
      this.#logger?.warn({ err: error, eventId: event.id }, 'alert rule failed');
    }
  }
}
