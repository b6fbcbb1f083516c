/**
 * The SDK, loaded on first use. It is the largest part of start-up (the tRPC client and the
 * WebSocket and EventSource transports), and `--help`, `--version` and `mail` never need it.
 */
export function loadSdk(): Promise<typeof import('@tradewind/sdk')> {
  return import('@tradewind/sdk');
}
