/** Raw realtime clients for end-to-end tests: a `ws` gateway client and `curl -N` on SSE. */
import { type ChildProcess, spawn } from 'node:child_process';
import WebSocket from 'ws';

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type GatewayMessage = { type: string; [field: string]: unknown };

/** A raw WebSocket on the JSON gateway that records every message and byte it receives. */
export class GatewayClient {
  readonly messages: GatewayMessage[] = [];
  /** Every frame as received, to check that nothing about another user ever arrives. */
  readonly raw: string[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      this.messages.push(JSON.parse(text) as GatewayMessage);
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
      this.socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`handshake refused: ${response.statusCode}`)),
      );
    });
    this.closed = new Promise((resolve) => {
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  of(type: string): GatewayMessage[] {
    return this.messages.filter((message) => message.type === type);
  }

  /** The first message after index `from` that satisfies `match`. */
  next(match: (message: GatewayMessage) => boolean, from = 0): Promise<GatewayMessage> {
    return eventually(() => this.messages.slice(from).find(match), 'a gateway message');
  }

  close(): void {
    this.socket.close();
  }
}

/** The handshake's HTTP status when the gateway refuses it. */
export function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      socket.close();
      reject(new Error('the handshake was accepted'));
    });
    socket.once('error', () => undefined);
  });
}

export type SseEvent = { id?: string; event: string; data: unknown };

/** `curl -N` on an SSE URL as a child process, parsing the stream as it arrives. */
export class CurlSse {
  readonly events: SseEvent[] = [];
  readonly child: ChildProcess;
  headers = '';
  #buffer = '';

  constructor(url: string, headers: Record<string, string>) {
    // -v prints the response headers to stderr as `< name: value` lines.
    const args = ['-N', '-s', '-v', url];
    for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
    this.child = spawn('curl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('< ')) this.headers += `${line.slice(2)}\n`;
      }
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.#buffer += chunk.toString();
      let end = this.#buffer.indexOf('\n\n');
      while (end >= 0) {
        this.#parse(this.#buffer.slice(0, end));
        this.#buffer = this.#buffer.slice(end + 2);
        end = this.#buffer.indexOf('\n\n');
      }
    });
  }

  of(name: string): SseEvent[] {
    return this.events.filter((event) => event.event === name);
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }

  #parse(block: string): void {
    const event: { id?: string; event?: string; data?: string } = {};
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
    }
    if (event.data === undefined) return;
    this.events.push({
      ...(event.id !== undefined && { id: event.id }),
      event: event.event ?? 'message',
      data: JSON.parse(event.data),
    });
  }
}
