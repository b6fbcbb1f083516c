import type { GatewayServerMessage } from '@tradewind/core';
import type { WebSocket } from 'ws';
import type { ConnectionRegistry } from './connection-registry.ts';
import { SlowConsumerGuard } from './slow-consumer-guard.ts';

/** RFC 6455 "try again later": how a slow consumer is cut off. */
export const CLOSE_SLOW = 1013;

/**
 * Sends text frames on a gateway socket through the slow-consumer guard: past the buffer
 * limit frames are dropped (counted, then announced with `messages_dropped`), and a client
 * still behind after the stall time is closed with 1013.
 */
export class GuardedSender {
  readonly #socket: WebSocket;
  readonly #connections: ConnectionRegistry;
  readonly #guard: SlowConsumerGuard;
  readonly #now: () => Date;
  readonly #onCutOff: () => void;

  constructor(
    socket: WebSocket,
    options: {
      connections: ConnectionRegistry;
      maxBufferedBytes: number;
      stallMs: number;
      now: () => Date;
      /** Closes the connection (the caller's clean-up included). */
      cutOff: () => void;
    },
  ) {
    this.#socket = socket;
    this.#connections = options.connections;
    this.#guard = new SlowConsumerGuard(options);
    this.#now = options.now;
    this.#onCutOff = options.cutOff;
  }

  send(text: string): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    const admission = this.#guard.admit(this.#socket.bufferedAmount);
    if (admission.action === 'disconnect') {
      this.#connections.slowConsumerDisconnected();
      this.#onCutOff();
      return;
    }
    if (admission.action === 'drop') {
      this.#connections.dropped();
      return;
    }
    if (admission.dropped > 0) {
      const notice: GatewayServerMessage = {
        type: 'messages_dropped',
        count: admission.dropped,
        timestamp: this.#now().toISOString(),
      };
      this.#socket.send(JSON.stringify(notice));
      this.#connections.sent();
    }
    this.#socket.send(text);
    this.#connections.sent();
  }
}
