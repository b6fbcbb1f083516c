/** One Binance request as the exchange saw it; `status` is null when it was never answered. */
export type RequestRecord = {
  readonly time: number;
  readonly method: string;
  readonly path: string;
  readonly weight: number;
  readonly status: number | null;
};

const CAPACITY = 100_000;

/**
 * The last requests the exchange received (at most 100 000), so a test or a benchmark can
 * check what a client really sent: how many, how heavy, and what it was answered.
 */
export class RequestLog {
  #records: RequestRecord[] = [];

  record(entry: RequestRecord): void {
    this.#records.push(entry);
    if (this.#records.length > CAPACITY) this.#records = this.#records.slice(-CAPACITY / 2);
  }

  list(): readonly RequestRecord[] {
    return [...this.#records];
  }

  clear(): void {
    this.#records = [];
  }
}
