import { writeFileSync } from 'node:fs';
import { SeededRandom } from '@tradewind/engine';

/**
 * `count` seeded daily bars (`Date,Open,High,Low,Close,Volume`, 4 decimals) from 1200-01-01 on,
 * every calendar day, whose log price wanders around log(50) (Ornstein–Uhlenbeck): 300,000 bars
 * stay in a realistic range. Written deterministically, so the benchmark needs no data file.
 */
export function dailyCsv(count: number, seed = 42): string {
  const random = new SeededRandom(seed);
  const anchor = Math.log(50);
  const start = Date.UTC(1200, 0, 1);
  let logClose = anchor;
  const lines = ['Date,Open,High,Low,Close,Volume'];
  for (let i = 0; i < count; i++) {
    const logOpen = logClose + random.nextGaussian() * 0.002;
    logClose = logOpen + random.nextGaussian() * 0.01 + 0.002 * (anchor - logOpen);
    const open = Math.exp(logOpen);
    const close = Math.exp(logClose);
    const high = Math.max(open, close) * (1 + random.next() * 0.002);
    const low = Math.min(open, close) * (1 - random.next() * 0.002);
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      `${day},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${close.toFixed(4)},${1000 + Math.floor(random.next() * 9000)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** {@link dailyCsv} written to `file`. */
export function writeDailyCsv(file: string, count: number): void {
  writeFileSync(file, dailyCsv(count));
}
