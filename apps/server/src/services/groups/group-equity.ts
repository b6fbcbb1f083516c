import type { Database } from '@tradewind/db';

export type EquityPoint = { time: Date; equity: number };

/**
 * The group's summed equity after each balance sync of one of its accounts: every account
 * counts with its latest equity at that time (from its first sync on). Syncs before `start`
 * seed each account's value, so the series starts from what the accounts held then.
 */
export async function groupEquitySeries(
  prisma: Pick<Database['prisma'], 'accountEquitySnapshot'>,
  accountIds: readonly string[],
  range: { start?: Date; end?: Date } = {},
): Promise<EquityPoint[]> {
  if (accountIds.length === 0) return [];
  const snapshots = await prisma.accountEquitySnapshot.findMany({
    where: { accountId: { in: [...accountIds] }, ...(range.end && { time: { lte: range.end } }) },
    orderBy: { time: 'asc' },
    select: { accountId: true, time: true, equity: true },
  });
  const latest = new Map<string, number>();
  const points: EquityPoint[] = [];
  const total = () => [...latest.values()].reduce((sum, value) => sum + value, 0);
  // What the accounts held when the range starts, as its first point.
  const opening = () => {
    if (range.start && points.length === 0 && latest.size > 0) {
      points.push({ time: range.start, equity: total() });
    }
  };
  for (const snapshot of snapshots) {
    if (range.start && snapshot.time < range.start) {
      latest.set(snapshot.accountId, snapshot.equity.toNumber());
      continue;
    }
    opening();
    latest.set(snapshot.accountId, snapshot.equity.toNumber());
    const last = points.at(-1);
    // Syncs at the same instant are one point.
    if (last && last.time.getTime() === snapshot.time.getTime()) last.equity = total();
    else points.push({ time: snapshot.time, equity: total() });
  }
  opening();
  return points;
}

/** Peak, current value and the percent the current one is below the peak. */
export function drawdownNow(points: readonly EquityPoint[]) {
  if (points.length === 0) return { equity: null, peakEquity: null, drawdownPercent: null };
  const peakEquity = Math.max(...points.map((point) => point.equity));
  const equity = points.at(-1)?.equity ?? 0;
  return {
    equity,
    peakEquity,
    drawdownPercent: peakEquity > 0 ? ((peakEquity - equity) / peakEquity) * 100 : 0,
  };
}

const DAY_MS = 86_400_000;

/** The UTC date (YYYY-MM-DD) starting the day, ISO week (Monday) or month `time` falls in. */
export function periodStart(time: Date, interval: 'day' | 'week' | 'month'): string {
  if (interval === 'month') return `${time.toISOString().slice(0, 7)}-01`;
  const day = new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);
  if (interval === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}
