/** What {@link Crossover.update} saw: the first series crossed above (1), below (-1), or neither. */
export type CrossDirection = -1 | 0 | 1;

/**
 * Detects one series crossing another between two consecutive updates.
 *
 * Convention: an upward cross is `previous a <= previous b` and `a > b`; a downward cross is
 * `previous a >= previous b` and `a < b`. Both the previous and the current pair must be defined
 * (not NaN), so the first warm bar is never a cross: a strategy starting with fast already above
 * slow waits for the next real cross.
 */
export class Crossover {
  #previousA = Number.NaN;
  #previousB = Number.NaN;

  /** Records the pair and returns the direction of a cross since the previous pair. */
  update(a: number, b: number): CrossDirection {
    const previousA = this.#previousA;
    const previousB = this.#previousB;
    this.#previousA = a;
    this.#previousB = b;
    // NaN compares false both ways, so an undefined pair never yields a cross.
    if (a > b && previousA <= previousB) return 1;
    if (a < b && previousA >= previousB) return -1;
    return 0;
  }

  reset(): void {
    this.#previousA = Number.NaN;
    this.#previousB = Number.NaN;
  }
}
