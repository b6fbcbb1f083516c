/**
 * A local stand-in for an OpenAI-compatible chat-completions API: real HTTP on a free port,
 * answering `POST /v1/chat/completions` with whatever the test's script decides from the
 * request (tool calls, a final message, a 500, or never). Every request is recorded.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CompletionRequest = {
  model: string;
  messages: {
    role: string;
    content?: string | null;
    tool_call_id?: string;
    tool_calls?: unknown;
  }[];
  tools?: { type: string; function: { name: string; parameters: unknown } }[];
};

/** What the script answers: a final text, tool calls, an HTTP error, or silence. */
export type ScriptStep =
  | { content: string }
  | { toolCalls: { name: string; arguments?: Record<string, unknown> }[] }
  | { status: number }
  | { hang: true };

export type FakeOpenAi = {
  /** The base URL to configure (`…/v1`). */
  url: string;
  requests: { headers: IncomingHttpHeaders; body: CompletionRequest }[];
  script: (request: CompletionRequest) => ScriptStep;
  close(): Promise<void>;
};

function completion(step: ScriptStep, id: number) {
  const message =
    'content' in step
      ? { role: 'assistant', content: step.content }
      : {
          role: 'assistant',
          content: null,
          tool_calls: (
            step as { toolCalls: { name: string; arguments?: unknown }[] }
          ).toolCalls.map((call, index) => ({
            id: `call_${id}_${index}`,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) },
          })),
        };
  return {
    id: `chatcmpl-${id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'fake-model',
    choices: [
      {
        index: 0,
        message,
        finish_reason: 'content' in step ? 'stop' : 'tool_calls',
      },
    ],
  };
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const hanging = new Set<import('node:http').ServerResponse>();
  const fake: FakeOpenAi = {
    url: '',
    requests: [],
    script: () => ({ content: 'hello' }),
    close: async () => {
      for (const response of hanging) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CompletionRequest;
      fake.requests.push({ headers: request.headers, body });
      const step = fake.script(body);
      if ('hang' in step) {
        hanging.add(response);
        return;
      }
      if ('status' in step) {
        response.writeHead(step.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error' } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completion(step, fake.requests.length)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
