/**
 * The hand-written Node loop of the CSV backtest benchmark (backtest-cli.ts), plain JavaScript so
 * that its process starts as fast as Node does: a parser written for one known layout
 * (`Date,Open,High,Low,Close,Volume`, daily `YYYY-MM-DD`, no checks) into Float64Arrays, and
 * MovingAverage(fast, slow) with the engine's execution model written out flat: decide on the
 * close, fill at the next open, commission on notional, the cash check, equity at the last close.
 *
 * Usage: node backtest-hand-loop.mjs FILE.csv FAST SLOW QUANTITY CASH COMMISSION
 *   -> prints {"final_equity", "total_trades"}
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The known layout, straight into columns: what someone would write for one file. */
export function parseCsv(text) {
  let rows = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) rows++;
  const time = new Float64Array(rows);
  const open = new Float64Array(rows);
  const high = new Float64Array(rows);
  const low = new Float64Array(rows);
  const close = new Float64Array(rows);
  const volume = new Float64Array(rows);
  let n = 0;
  let start = text.indexOf('\n') + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) {
      const c1 = text.indexOf(',', start);
      const c2 = text.indexOf(',', c1 + 1);
      const c3 = text.indexOf(',', c2 + 1);
      const c4 = text.indexOf(',', c3 + 1);
      const c5 = text.indexOf(',', c4 + 1);
      time[n] = Date.UTC(
        Number(text.slice(start, start + 4)),
        Number(text.slice(start + 5, start + 7)) - 1,
        Number(text.slice(start + 8, start + 10)),
      );
      open[n] = Number(text.slice(c1 + 1, c2));
      high[n] = Number(text.slice(c2 + 1, c3));
      low[n] = Number(text.slice(c3 + 1, c4));
      close[n] = Number(text.slice(c4 + 1, c5));
      volume[n] = Number(text.slice(c5 + 1, end));
      n++;
    }
    start = end + 1;
  }
  return { length: n, time, open, high, low, close, volume };
}

/**
 * SMA(fast) over SMA(slow): buy `quantity` on a cross up when flat, sell all on a cross down;
 * orders fill at the next bar's open with `commission` on notional, a buy only if cash covers
 * it. Running sums resynced when the window wraps, as the engine's SMA does.
 */
export function movingAverage(bars, { fast, slow, quantity, cash: initialCash, commission }) {
  const { open, close, length } = bars;
  const fastWindow = new Float64Array(fast);
  const slowWindow = new Float64Array(slow);
  let fastSum = 0;
  let slowSum = 0;
  let previousFast = Number.NaN;
  let previousSlow = Number.NaN;
  let cash = initialCash;
  let position = 0;
  let pending = 0;
  let trades = 0;
  for (let i = 0; i < length; i++) {
    if (pending > 0) {
      const notional = pending * open[i];
      const cost = notional + commission * notional;
      if (cost <= cash) {
        cash -= cost;
        position += pending;
      }
    } else if (pending < 0) {
      const notional = -pending * open[i];
      cash += notional - commission * notional;
      position += pending;
      trades++;
    }
    pending = 0;
    const c = close[i];
    const fi = i % fast;
    const si = i % slow;
    fastSum += i < fast ? c : c - fastWindow[fi];
    slowSum += i < slow ? c : c - slowWindow[si];
    fastWindow[fi] = c;
    slowWindow[si] = c;
    if (fi === fast - 1) {
      fastSum = 0;
      for (let k = 0; k < fast; k++) fastSum += fastWindow[k];
    }
    if (si === slow - 1) {
      slowSum = 0;
      for (let k = 0; k < slow; k++) slowSum += slowWindow[k];
    }
    const f = i >= fast - 1 ? fastSum / fast : Number.NaN;
    const s = i >= slow - 1 ? slowSum / slow : Number.NaN;
    if (f > s && previousFast <= previousSlow && position === 0) pending = quantity;
    else if (f < s && previousFast >= previousSlow && position > 0) pending = -position;
    previousFast = f;
    previousSlow = s;
  }
  return { finalEquity: cash + position * close[length - 1], trades };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, fast, slow, quantity, cash, commission] = process.argv.slice(2);
  const bars = parseCsv(readFileSync(file, 'utf8'));
  const result = movingAverage(bars, {
    fast: Number(fast),
    slow: Number(slow),
    quantity: Number(quantity),
    cash: Number(cash),
    commission: Number(commission),
  });
  process.stdout.write(
    `${JSON.stringify({ final_equity: result.finalEquity, total_trades: result.trades })}\n`,
  );
}
