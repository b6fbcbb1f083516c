import Table from 'cli-table3';

/** Prints a value for scripts: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints label/value rows for people. */
export function printFacts(rows: ReadonlyArray<readonly [string, string]>): void {
  process.stdout.write(renderFacts(rows));
}

/** Label/value rows as text, ending in a newline (for screens built before they are shown). */
export function renderFacts(rows: ReadonlyArray<readonly [string, string]>): string {
  const table = new Table({
    style: { head: [], border: [] },
    // No rule between rows: a fact sheet reads better compact.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const [label, value] of rows) table.push({ [label]: value });
  return `${table.toString()}\n`;
}

/** Prints rows under a header for people; `empty` instead of a header over nothing. */
export function printTable(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  empty: string,
): void {
  process.stdout.write(renderTable(head, rows, empty));
}

/** {@link printTable}'s text, ending in a newline. */
export function renderTable(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  empty: string,
): string {
  if (rows.length === 0) return `${empty}\n`;
  const table = new Table({ head: [...head], style: { head: [], border: [] } });
  for (const row of rows) table.push([...row]);
  return `${table.toString()}\n`;
}

/** `12345.678` -> `12,345.68`; `-0.004` -> `0.00`; `fallback` for null. */
export function formatMoney(value: number | null, fallback = '-'): string {
  if (value === null) return fallback;
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return text === '-0.00' ? '0.00' : text;
}

/** Like {@link formatMoney}, with a sign on gains: `+12.50`, `-3.00`, `0.00`. */
export function formatSignedMoney(value: number | null, fallback = '-'): string {
  const text = formatMoney(value, fallback);
  return value !== null && text !== '0.00' && value > 0 ? `+${text}` : text;
}

/** A quantity or price as exact as it came, without float noise: `0.30000000000000004` -> `0.3`. */
export function formatNumber(value: number | null, fallback = '-'): string {
  if (value === null) return fallback;
  return String(Number(value.toPrecision(12)));
}

/** A price: at most 4 decimals from 1 up, 8 below (coins worth fractions of a cent). */
export function formatPrice(value: number | null, fallback = '-'): string {
  if (value === null) return fallback;
  return String(Number(value.toFixed(Math.abs(value) >= 1 ? 4 : 8)));
}

/** A ratio as a percent: `0.1234` -> `12.34%`; `fallback` for null or a non-finite value. */
export function formatPercent(ratio: number | null, fallback = '-'): string {
  if (ratio === null || !Number.isFinite(ratio)) return fallback;
  const text = `${(ratio * 100).toFixed(2)}%`;
  return text === '-0.00%' ? '0.00%' : text;
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
