import type { Fault } from './fault.ts';

type ActiveFault = { readonly id: number; readonly fault: Fault; remaining: number };

/** The active faults: each matches requests by method and path and runs out after `times`. */
export class FaultStore {
  #active: ActiveFault[] = [];
  #nextId = 1;

  add(fault: Fault): number {
    const id = this.#nextId++;
    this.#active.push({ id, fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  list(): Array<Fault & { id: number; remaining: number | null }> {
    return this.#active.map(({ id, fault, remaining }) => ({
      ...fault,
      id,
      remaining: Number.isFinite(remaining) ? remaining : null,
    }));
  }

  remove(id: number): boolean {
    const before = this.#active.length;
    this.#active = this.#active.filter((entry) => entry.id !== id);
    return this.#active.length < before;
  }

  clear(): void {
    this.#active = [];
  }

  /** Consumes one use of the first fault of one of `kinds` matching the request. */
  take<K extends Fault['kind']>(
    kinds: readonly K[],
    method: string,
    path: string,
  ): Extract<Fault, { kind: K }> | undefined {
    const entry = this.#active.find(
      ({ fault }) =>
        (kinds as readonly string[]).includes(fault.kind) &&
        (fault.method === undefined || fault.method === method) &&
        (fault.path === undefined || fault.path === path),
    );
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.remove(entry.id);
    return entry.fault as Extract<Fault, { kind: K }>;
  }
}
