/**
 * One fuzzed request through a door (tRPC query, mutation or subscription over HTTP; an
 * enterprise REST route), with a per-request deadline, and the judgement of its answer.
 */

/**
 * What an answer may never contain: file paths, stack frames (`at fn (file:1:2)`, `at
 * /path:1:2`), SQL or Prisma text. A field path in a validation message (`→ at lastEventId`)
 * is not a stack frame.
 */
export const LEAK =
  /node_modules|\.[cm]?[jt]s:\d+|\bat [^\s(]+ \(|\bat (file:|\/)\S+:\d+|prisma|SELECT |INSERT |invocation/i;

/** Per-request deadline: an answer slower than this is a hang. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** A subscription is read this long (or until its first event) and then closed. */
const SUBSCRIPTION_READ_MS = 400;

export type Answer = {
  status: number;
  /** The body (for a subscription: what it sent before it was closed). */
  text: string;
};

export type Caller = { name: string; headers: Record<string, string> };

export type ProcedureKind = 'query' | 'mutation' | 'subscription';

/** A value as the tRPC client sends it (superjson with no special types: `{"json": …}`). */
function superjson(input: unknown): string {
  return JSON.stringify(input === undefined ? { json: null } : { json: input });
}

async function read(response: Response): Promise<Answer> {
  return { status: response.status, text: await response.text() };
}

/** Reads a stream for `SUBSCRIPTION_READ_MS` (less if it fails or ends), then closes it. */
async function readStream(response: Response, abort: AbortController): Promise<Answer> {
  const reader = response.body?.getReader();
  if (!reader) return { status: response.status, text: '' };
  const decoder = new TextDecoder();
  let text = '';
  const stop = setTimeout(() => abort.abort(), SUBSCRIPTION_READ_MS);
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
      if (/event: (serialized-error|return)/.test(text)) break;
    }
  } catch {
    // Closed by us after SUBSCRIPTION_READ_MS: what arrived so far is the answer.
  } finally {
    clearTimeout(stop);
    await reader.cancel().catch(() => undefined);
  }
  return { status: response.status, text };
}

/** One raw HTTP request (REST routes, or requests no client library would send). */
export async function callRaw(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<Answer> {
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(new Error('hang')), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(url, { ...init, signal: abort.signal });
    return response.headers.get('content-type')?.startsWith('text/event-stream')
      ? await readStream(response, abort)
      : await read(response);
  } catch (error) {
    if (abort.signal.reason instanceof Error && abort.signal.reason.message === 'hang') {
      return { status: 0, text: `no answer within ${REQUEST_TIMEOUT_MS} ms` };
    }
    throw error;
  } finally {
    clearTimeout(deadline);
  }
}

/** Calls a tRPC procedure over HTTP as `caller` with `input` (undefined: no input). */
export function callProcedure(
  baseUrl: string,
  path: string,
  kind: ProcedureKind,
  input: unknown,
  caller: Caller,
): Promise<Answer> {
  if (kind === 'mutation') {
    return callRaw(`${baseUrl}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caller.headers },
      body: superjson(input),
    });
  }
  const query = input === undefined ? '' : `?input=${encodeURIComponent(superjson(input))}`;
  return callRaw(`${baseUrl}/trpc/${path}${query}`, {
    method: 'GET',
    headers:
      kind === 'subscription' ? { accept: 'text/event-stream', ...caller.headers } : caller.headers,
  });
}

/** Why an answer fails the pass condition, or undefined when it passes. */
export function defectOf(answer: Answer): string | undefined {
  if (answer.status === 0) return answer.text;
  if (answer.status >= 500) return `${answer.status}`;
  // A subscription reports errors inside a 200 stream.
  const failed = answer.status >= 400 || /event: serialized-error/.test(answer.text);
  if (failed && LEAK.test(answer.text)) return `leak: ${answer.text.match(LEAK)?.[0]}`;
  // A success echoes what callers stored, so only what no generated value contains is looked for.
  const internal = answer.text.match(/node_modules|\.ts:\d+:\d+|invocation in/);
  if (internal) return `leak: ${internal[0]}`;
  if (/"httpStatus":5\d\d|INTERNAL_SERVER_ERROR/.test(answer.text)) return 'internal error in body';
  return undefined;
}
