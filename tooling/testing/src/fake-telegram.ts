import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake accepted: which bot sent it, to which chat, what it said. */
export type TelegramMessage = { token: string; chatId: string; text: string; messageId: number };

export type FakeTelegram = {
  /** What a client uses instead of `https://api.telegram.org`. */
  apiRoot: string;
  /** Messages accepted (answered `ok: true`), in order. */
  messages: TelegramMessage[];
  /** Requests answered with an error, in order (`method`, HTTP status). */
  refused: { method: string; status: number }[];
  /** Answers the next `count` sendMessage calls with HTTP 500, as Telegram does when it is down. */
  failNext(count: number): void;
  /** Resolves once `count` messages were accepted; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<TelegramMessage[]>;
  close(): Promise<void>;
};

type Answer = { status: number; body: Record<string, unknown> };

const error = (status: number, description: string): Answer => ({
  status,
  body: { ok: false, error_code: status, description },
});

/**
 * A fake Telegram Bot API server speaking the real HTTP protocol: `POST /bot<token>/<method>`
 * with a JSON or form body, answered `{ ok: true, result }` or `{ ok: false, error_code,
 * description }` with the matching status. It knows the bots in `bots` (token -> the chat ids
 * each may write to) and implements `getMe` and `sendMessage`; an unknown token is 401, an
 * unknown chat 400 `chat not found`, as Telegram answers.
 */
export async function startFakeTelegram(bots: Record<string, string[]>): Promise<FakeTelegram> {
  const messages: TelegramMessage[] = [];
  const refused: { method: string; status: number }[] = [];
  let failures = 0;
  const answer = (token: string, method: string, params: Record<string, unknown>): Answer => {
    const chats = bots[token];
    if (chats === undefined) return error(401, 'Unauthorized');
    if (method === 'getMe') {
      return {
        status: 200,
        body: { ok: true, result: { id: 1, is_bot: true, first_name: 'fake' } },
      };
    }
    if (method !== 'sendMessage') return error(404, 'Not Found: method not found');
    if (failures > 0) {
      failures -= 1;
      return error(500, 'Internal Server Error');
    }
    const chatId = String(params.chat_id ?? '');
    if (!chats.includes(chatId)) return error(400, 'Bad Request: chat not found');
    if (typeof params.text !== 'string' || params.text.length === 0) {
      return error(400, 'Bad Request: message text is empty');
    }
    const message = { token, chatId, text: params.text, messageId: messages.length + 1 };
    messages.push(message);
    return {
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: message.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: 'private' },
          text: params.text,
        },
      },
    };
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.url?.split('?')[0] ?? '');
      const raw = Buffer.concat(chunks).toString('utf8');
      let result: Answer;
      if (match === null) result = error(404, 'Not Found');
      else {
        const params = (request.headers['content-type'] ?? '').includes('application/json')
          ? (JSON.parse(raw || '{}') as Record<string, unknown>)
          : Object.fromEntries(new URLSearchParams(raw));
        result = answer(decodeURIComponent(match[1] as string), match[2] as string, params);
        if (result.status !== 200)
          refused.push({ method: match[2] as string, status: result.status });
      }
      response.writeHead(result.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    messages,
    refused,
    failNext(count) {
      failures = count;
    },
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`fake Telegram got ${messages.length} messages, expected ${count}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
