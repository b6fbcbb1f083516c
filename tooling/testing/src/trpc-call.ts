/**
 * Calls a tRPC procedure over plain HTTP (POST, superjson's `{ json }` envelope) and returns its
 * data, for tests and benchmarks that drive a server process without the SDK. Throws with the
 * error body when the call fails.
 */
export async function trpcCall<T>(
  url: string,
  procedure: string,
  input: unknown,
  token?: string,
): Promise<T> {
  const response = await fetch(`${url}/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ json: input }),
  });
  const payload = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!payload.result) throw new Error(`${procedure} failed: ${JSON.stringify(payload.error)}`);
  return payload.result.data.json;
}
