import {
  DomainError,
  GATEWAY_TOPICS,
  type GatewayTopic,
  type RealtimeStats,
} from '@tradewind/core';

export type Transport = 'websocket' | 'sse' | 'trpc';

/** One open stream, as the registry counts it. */
export type RegisteredConnection = {
  transport: Transport;
  userId: string;
  /** Gateway connections only: the seed's session id (`/ws/{session_id}`) or a generated one. */
  sessionId?: string;
  /** Gateway connections only: the topics subscribed now. */
  topics?: () => Iterable<GatewayTopic>;
};

/**
 * Every realtime stream this process serves, with the per-user cap on open streams and the
 * counters behind `realtime.stats`, `/websocket/stats` and the Prometheus metrics.
 */
export class ConnectionRegistry {
  readonly #connections = new Set<RegisteredConnection>();
  readonly #perUser = new Map<string, number>();
  readonly #maxPerUser: number;
  readonly #startedAt: number;
  #sentTotal = 0;
  #sentToday = 0;
  #today = utcDay(Date.now());
  #dropped = 0;
  #slowConsumersDisconnected = 0;

  constructor(options: { maxConnectionsPerUser: number; startedAt?: number }) {
    this.#maxPerUser = options.maxConnectionsPerUser;
    this.#startedAt = options.startedAt ?? Date.now();
  }

  /**
   * Counts a new stream; refuses it with RATE_LIMIT when its user already has the maximum open.
   * Returns the function that unregisters it (idempotent).
   */
  open(connection: RegisteredConnection): () => void {
    this.assertCanOpen(connection.userId);
    this.#perUser.set(connection.userId, (this.#perUser.get(connection.userId) ?? 0) + 1);
    this.#connections.add(connection);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.#connections.delete(connection);
      const left = (this.#perUser.get(connection.userId) ?? 1) - 1;
      if (left === 0) this.#perUser.delete(connection.userId);
      else this.#perUser.set(connection.userId, left);
    };
  }

  /** Throws RATE_LIMIT when the user already has the most streams allowed open. */
  assertCanOpen(userId: string): void {
    if ((this.#perUser.get(userId) ?? 0) >= this.#maxPerUser) {
      throw new DomainError(
        'RATE_LIMIT',
        `Too many realtime connections: at most ${this.#maxPerUser} per user`,
        { limit: this.#maxPerUser },
      );
    }
  }

  /** Counts messages written to clients. */
  sent(count = 1): void {
    const day = utcDay(Date.now());
    if (day !== this.#today) {
      this.#today = day;
      this.#sentToday = 0;
    }
    this.#sentTotal += count;
    this.#sentToday += count;
  }

  dropped(count = 1): void {
    this.#dropped += count;
  }

  slowConsumerDisconnected(): void {
    this.#slowConsumersDisconnected++;
  }

  /**
   * The counters, with the streams of `viewer` only when given (non-admins see their own
   * sessions, never other users' session ids, which may be user ids: seed 001's `/ws/{user_id}`).
   */
  stats(now = Date.now(), viewer?: { userId: string }): RealtimeStats {
    const byTransport = { websocket: 0, sse: 0, trpc: 0 };
    let total = 0;
    const sessions: string[] = [];
    const perTopic = Object.fromEntries(GATEWAY_TOPICS.map((topic) => [topic, 0])) as Record<
      GatewayTopic,
      number
    >;
    for (const connection of this.#connections) {
      if (viewer && connection.userId !== viewer.userId) continue;
      total++;
      byTransport[connection.transport]++;
      if (connection.sessionId) sessions.push(connection.sessionId);
      for (const topic of connection.topics?.() ?? []) {
        perTopic[topic]++;
      }
    }
    if (utcDay(now) !== this.#today) this.sent(0);
    return {
      totalConnections: total,
      connectionsByTransport: byTransport,
      activeSessions: sessions,
      subscriptionStats: perTopic,
      messagesSentTotal: this.#sentTotal,
      messagesSentToday: this.#sentToday,
      messagesDropped: this.#dropped,
      slowConsumersDisconnected: this.#slowConsumersDisconnected,
      uptimeHours: Math.round(((now - this.#startedAt) / 3_600_000) * 1000) / 1000,
    };
  }
}

function utcDay(time: number): number {
  return Math.floor(time / 86_400_000);
}
