import Table from 'cli-table3';

/** Prints a value for scripts: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints label/value rows for people. */
export function printFacts(rows: ReadonlyArray<readonly [string, string]>): void {
  const table = new Table({
    style: { head: [], border: [] },
    // No rule between rows: a fact sheet reads better compact.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const [label, value] of rows) table.push({ [label]: value });
  process.stdout.write(`${table.toString()}\n`);
}

/** Prints rows under a header for people; `empty` instead of a header over nothing. */
export function printTable(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  empty: string,
): void {
  if (rows.length === 0) {
    process.stdout.write(`${empty}\n`);
    return;
  }
  const table = new Table({ head: [...head], style: { head: [], border: [] } });
  for (const row of rows) table.push([...row]);
  process.stdout.write(`${table.toString()}\n`);
}

/** `2026-11-02T10:00:00.123Z` -> `2026-11-02 10:00:00Z`; `fallback` for null. */
export function formatTimestamp(iso: string | null, fallback = '-'): string {
  if (!iso) return fallback;
  return new Date(iso)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** `3725` -> `1h 2m 5s`. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  const parts = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor((seconds % 86_400) / 3_600), 'h'],
    [Math.floor((seconds % 3_600) / 60), 'm'],
    [seconds % 60, 's'],
  ] as const;
  const first = parts.findIndex(([value]) => value > 0);
  return parts
    .slice(first === -1 ? parts.length - 1 : first)
    .map(([value, unit]) => `${value}${unit}`)
    .join(' ');
}
