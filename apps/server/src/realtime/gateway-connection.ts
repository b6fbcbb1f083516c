import {
  type AuthenticatedPrincipal,
  type GatewayClientMessage,
  type GatewayErrorCode,
  type GatewayServerMessage,
  type GatewayTopic,
  type SystemNotification,
  ZGatewayClientMessage,
} from '@tradewind/core';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { DomainEvent } from '../events/event-bus.ts';
import type { ServiceDeps } from '../service-deps.ts';
import type { Credentials } from '../services/auth/authenticate.ts';
import { findBotOwner } from '../services/bots/bot-owner.ts';
import { listBots } from '../services/bots/bot-queries.ts';
import { type BotCountScope, signedInScope } from '../services/system-control/system-status.ts';
import type { RenderedMessages } from './gateway-messages.ts';
import { CLOSE_SLOW, GuardedSender } from './guarded-sender.ts';
import type { RealtimeHub } from './realtime-hub.ts';

/** Close codes (RFC 6455): message too big, policy violation, going away (shutdown). */
export const CLOSE_TOO_BIG = 1009;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;

/** Messages a client may send per second before they are refused. */
const MESSAGES_PER_SECOND = 50;
const DEFAULT_METRICS_SECONDS = 5;

export type GatewayConnectionDeps = Pick<
  ServiceDeps,
  'db' | 'now' | 'accessTokens' | 'credentialCache'
> & {
  realtime: RealtimeHub;
  rendered: RenderedMessages;
  /** The latest system status counting `scope`'s bots (shared, sampled at most once a second). */
  systemStatus(scope: Exclude<BotCountScope, { kind: 'none' }>): Promise<SystemNotification>;
};

/**
 * One JSON WebSocket gateway connection: its subscriptions (topics, and optionally a set of
 * bots that narrows the bot-scoped topics), the seed message protocol, heartbeats both ways,
 * the slow-consumer guard and the input limits. It only ever sees its own user's events: the
 * fan-out hands it nothing else.
 */
export class GatewayConnection {
  readonly #socket: WebSocket;
  readonly #deps: GatewayConnectionDeps;
  readonly #principal: AuthenticatedPrincipal;
  readonly #credentials: Credentials;
  readonly sessionId: string;
  readonly #topics: Set<GatewayTopic>;
  /** Null: every bot of the user. */
  #bots: Set<number> | null = null;
  readonly #sender: GuardedSender;
  #lastHeard = Date.now();
  #windowStart = Date.now();
  #windowCount = 0;
  #metricsTimer: NodeJS.Timeout | undefined;
  #metricsSeconds = DEFAULT_METRICS_SECONDS;
  #closed = false;

  constructor(
    socket: WebSocket,
    deps: GatewayConnectionDeps,
    principal: AuthenticatedPrincipal,
    options: { sessionId: string; topics: readonly GatewayTopic[]; credentials: Credentials },
  ) {
    this.#socket = socket;
    this.#deps = deps;
    this.#principal = principal;
    this.#credentials = options.credentials;
    this.sessionId = options.sessionId;
    this.#topics = new Set(options.topics);
    this.#sender = new GuardedSender(socket, {
      connections: deps.realtime.connections,
      maxBufferedBytes: deps.realtime.config.maxBufferedBytes,
      stallMs: deps.realtime.config.heartbeatMs * 2,
      now: deps.now,
      cutOff: () => this.close(CLOSE_SLOW, 'slow consumer'),
    });
    socket.on('pong', () => this.#heard());
  }

  get topics(): Iterable<GatewayTopic> {
    return this.#topics;
  }

  /** Says hello and starts the topics a connection starts with. */
  start(): void {
    this.#send({
      type: 'connected',
      session_id: this.sessionId,
      topics: [...this.#topics],
      timestamp: this.#now(),
    });
    this.#started([...this.#topics]);
  }

  /** A bus event of this connection's user. */
  deliver(event: DomainEvent): void {
    if (this.#closed) return;
    if (this.#bots !== null && (event.botId === null || !this.#bots.has(event.botId))) return;
    for (const { topic, text } of this.#deps.rendered.for(event)) {
      if (this.#topics.has(topic)) this.#sendText(text);
    }
  }

  /**
   * Called every heartbeat period: drops a silent peer, else pings it (JSON and protocol), and
   * closes the connection when its credentials are gone (logout, revoked key, expiry).
   */
  heartbeat(now = Date.now()): void {
    if (this.#closed) return;
    if (now - this.#lastHeard > this.#deps.realtime.config.heartbeatMs * 2) {
      this.#socket.terminate();
      return;
    }
    this.#send({ type: 'ping', timestamp: this.#now() });
    this.#socket.ping();
    if (this.#topics.has('system_status')) void this.#sendSystemStatus();
    void this.#deps.realtime.credentials.check(this.#deps, this.#credentials).then((reason) => {
      if (reason === undefined) return;
      this.#error('auth_invalid', `Connection closed: ${reason}`);
      this.close(CLOSE_POLICY, 'credentials no longer valid');
    });
  }

  async receive(raw: Buffer, isBinary: boolean): Promise<void> {
    this.#heard();
    const { maxMessageBytes } = this.#deps.realtime.config;
    if (raw.length > maxMessageBytes) {
      this.#error('invalid_message', `Message too large: at most ${maxMessageBytes} bytes`);
      this.close(CLOSE_TOO_BIG, 'message too large');
      return;
    }
    if (!this.#withinRate()) {
      this.#error('rate_limited', `Too many messages: at most ${MESSAGES_PER_SECOND} per second`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(isBinary ? raw.toString('utf8') : raw.toString());
    } catch {
      this.#error('invalid_json', 'Message is not valid JSON');
      return;
    }
    const message = ZGatewayClientMessage.safeParse(parsed);
    if (!message.success) {
      this.#error('invalid_message', z.prettifyError(message.error));
      return;
    }
    await this.#handle(message.data);
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#metricsTimer);
    this.#socket.close(code, reason);
  }

  /** Cleans up after the socket has closed, whoever closed it. */
  closed(): void {
    this.#closed = true;
    clearInterval(this.#metricsTimer);
  }

  async #handle(message: GatewayClientMessage): Promise<void> {
    switch (message.type) {
      case 'ping':
        this.#send({ type: 'pong', timestamp: this.#now() });
        return;
      case 'pong':
        return;
      case 'subscribe':
        return this.#subscribe(message);
      case 'unsubscribe':
        return this.#unsubscribe(message);
    }
  }

  async #subscribe(message: Extract<GatewayClientMessage, { type: 'subscribe' }>): Promise<void> {
    const topics = message.topics ?? [];
    const added = topics.filter((topic) => !this.#topics.has(topic));
    if (message.bot_id !== undefined) {
      // The id is bounded by the message schema, so this lookup cannot fail on its value.
      const owner = await findBotOwner(this.#deps, message.bot_id);
      // Gateway streams carry the caller's own events only, so an admin gains nothing here
      // from someone else's bot id: it is refused like a missing one.
      if (owner !== this.#principal.userId) {
        this.#error('not_found', `Bot ${message.bot_id} not found`);
        return;
      }
    }
    const newBot =
      message.bot_id !== undefined && !this.#bots?.has(message.bot_id) ? message.bot_id : null;
    const count = this.#topics.size + added.length + (this.#bots?.size ?? 0) + (newBot ? 1 : 0);
    if (count > this.#deps.realtime.config.maxSubscriptions) {
      this.#error(
        'subscription_limit',
        `Too many subscriptions: at most ${this.#deps.realtime.config.maxSubscriptions} topics and bots`,
      );
      return;
    }
    if (message.frequency !== undefined) this.#metricsSeconds = message.frequency;
    for (const topic of added) this.#topics.add(topic);
    if (newBot !== null) {
      this.#bots = new Set([...(this.#bots ?? []), newBot]);
      if (!this.#topics.has('bot_updates')) {
        this.#topics.add('bot_updates');
        added.push('bot_updates');
      }
    }
    this.#send({ type: 'subscribed', ...this.#subscriptionState(), timestamp: this.#now() });
    this.#started(added);
    if (message.frequency !== undefined && this.#topics.has('metrics')) this.#restartMetrics();
  }

  #unsubscribe(message: Extract<GatewayClientMessage, { type: 'unsubscribe' }>): void {
    for (const topic of message.topics ?? []) this.#topics.delete(topic);
    if (!this.#topics.has('metrics')) clearInterval(this.#metricsTimer);
    if (message.bot_id !== undefined && this.#bots !== null) {
      this.#bots.delete(message.bot_id);
      // The last bot gone: bot updates stop; other topics cover all the user's bots again.
      if (this.#bots.size === 0) {
        this.#bots = null;
        this.#topics.delete('bot_updates');
      }
    }
    this.#send({ type: 'unsubscribed', ...this.#subscriptionState(), timestamp: this.#now() });
  }

  /** Topics that send something at once when subscribed. */
  #started(topics: readonly GatewayTopic[]): void {
    if (topics.includes('system_status')) void this.#sendSystemStatus();
    if (topics.includes('metrics')) this.#restartMetrics();
  }

  #restartMetrics(): void {
    clearInterval(this.#metricsTimer);
    void this.#sendMetrics();
    this.#metricsTimer = setInterval(() => void this.#sendMetrics(), this.#metricsSeconds * 1000);
    this.#metricsTimer.unref();
  }

  async #sendMetrics(): Promise<void> {
    try {
      const bots = await listBots(this.#deps, this.#principal, { limit: 100 });
      const shown = this.#bots === null ? bots : bots.filter((bot) => this.#bots?.has(bot.id));
      this.#send({
        type: 'metrics',
        timestamp: this.#now(),
        data: {
          bots: shown.map((bot) => ({
            bot_id: String(bot.id),
            status: bot.status.toLowerCase(),
            equity: bot.equity,
            total_pnl: bot.totalPnl,
            total_trades: bot.totalTrades,
          })),
        },
      });
    } catch {
      // The database is briefly unavailable (or shutting down): the next tick tries again.
    }
  }

  async #sendSystemStatus(): Promise<void> {
    try {
      const status = await this.#deps.systemStatus(signedInScope(this.#principal));
      this.#send({
        type: 'system_status',
        timestamp: status.timestamp,
        data: {
          trading_active: status.tradingActive,
          bots_active: status.botsActive,
          bots_total: status.botsTotal,
          cpu_usage: status.cpuUsage,
          memory_usage: status.memoryUsage,
          uptime_seconds: status.uptimeSeconds,
        },
      });
    } catch {
      // As for metrics: skipped this time.
    }
  }

  #subscriptionState() {
    return {
      topics: [...this.#topics],
      bot_ids: this.#bots === null ? null : [...this.#bots],
    };
  }

  #error(code: GatewayErrorCode, message: string): void {
    this.#send({ type: 'error', code, message, timestamp: this.#now() });
  }

  #send(message: GatewayServerMessage): void {
    this.#sendText(JSON.stringify(message));
  }

  #sendText(text: string): void {
    if (!this.#closed) this.#sender.send(text);
  }

  #heard(): void {
    this.#lastHeard = Date.now();
  }

  #withinRate(): boolean {
    const now = Date.now();
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#windowCount = 0;
    }
    this.#windowCount++;
    return this.#windowCount <= MESSAGES_PER_SECOND;
  }

  #now(): string {
    return this.#deps.now().toISOString();
  }
}
