/**
 * Raw HTTP calls to tRPC procedures, for tests that need status codes and headers the SDK
 * hides, or bodies the SDK would never send.
 */

export type RawResponse = {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
  /** The tRPC error message (`error.json.message`), or Fastify's `message`, when there is one. */
  message: string | undefined;
};

type Options = { headers?: Record<string, string> };

async function toRaw(response: Response): Promise<RawResponse> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON; keep the text.
  }
  return { status: response.status, headers: response.headers, body, message: messageOf(body) };
}

function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { error?: { json?: { message?: unknown } }; message?: unknown };
  const message = record.error?.json?.message ?? record.message;
  return typeof message === 'string' ? message : undefined;
}

/** `GET /trpc/<path>`, with the input as superjson (`?input={"json":…}`) when given. */
export async function rawQuery(
  baseUrl: string,
  path: string,
  input?: unknown,
  options: Options = {},
): Promise<RawResponse> {
  const query =
    input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return toRaw(await fetch(`${baseUrl}/trpc/${path}${query}`, { headers: options.headers }));
}

/**
 * `POST /trpc/<path>`. An object or other value is sent as superjson (`{"json": input}`); a
 * string is sent as the body exactly as given, for malformed bodies.
 */
export async function rawMutation(
  baseUrl: string,
  path: string,
  input: unknown,
  options: Options & { contentType?: string } = {},
): Promise<RawResponse> {
  const body = typeof input === 'string' ? input : JSON.stringify({ json: input });
  return toRaw(
    await fetch(`${baseUrl}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'application/json', ...options.headers },
      body,
    }),
  );
}
