/** Many SSE clients on `/api/realtime/events`, opened with fetch, for realtime benchmarks. */

const CONNECT_BATCH = 100;

/**
 * Opens `count` SSE streams (`CONNECT_BATCH` at a time), the tokens taken in turn, and hands
 * each event block (`id: ...\nevent: ...\ndata: ...`) to `onBlock`. Returns what closes them all.
 */
export async function openSseStreams(
  url: string,
  tokens: readonly string[],
  count: number,
  onBlock: (block: string) => void,
): Promise<() => void> {
  const controllers: AbortController[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, async (_, i) => {
      const controller = new AbortController();
      controllers.push(controller);
      const response = await fetch(`${url}/api/realtime/events`, {
        headers: { authorization: `Bearer ${tokens[(start + i) % tokens.length]}` },
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      void (async () => {
        for (;;) {
          const { value, done } = await reader
            .read()
            .catch(() => ({ value: undefined, done: true }));
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            onBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      })();
    });
    await Promise.all(batch);
  }
  return () => {
    for (const controller of controllers) controller.abort();
  };
}
