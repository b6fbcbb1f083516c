type Listener = () => void;

/** Whether the realtime WebSocket is up: the shell shows a banner while it is not. */
let state: 'connecting' | 'open' | 'lost' = 'connecting';
const listeners = new Set<Listener>();

export const connection = {
  get: () => state,
  set(next: typeof state) {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  },
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
