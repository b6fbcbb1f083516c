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
