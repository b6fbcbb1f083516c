import { type BotStatus, Prisma, type PrismaClient } from '@tradewind/db';

/** A bar that filled nothing and tripped no guard: it only moves the bot's clock and marks. */
export type QuietBar = {
  botId: number;
  /** What the runner believes; the bar is written only if the database still agrees. */
  status: BotStatus;
  fillSequence: number;
  /** The bot's `last_bar_time` before this bar (null before its first bar). */
  previousBarTime: number | null;
  time: number;
  equity: number;
  peakEquity: number;
  cash: number;
  /** Closing prices of the bot's open positions at this bar. */
  marks: ReadonlyArray<{ symbol: string; price: number }>;
};

/** Keeps each statement well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1_000;

/** `timestamp(3)` columns hold UTC wall time; a text literal cast to `timestamp` keeps it as is. */
function utc(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

/**
 * Persists many quiet bars in one transaction, a few statements per chunk instead of one
 * transaction per bot-bar. Each bot's row is updated only under the same guard as a bar with
 * fills (same status, lease held by `owner`, same fill sequence, and `last_bar_time` still the
 * previous bar, so a bar can never be written twice); bots that fail the guard are left out and
 * reported, so the runner reloads them. Returns the ids whose bar was written.
 */
export async function persistQuietBars(
  prisma: PrismaClient,
  owner: string,
  bars: readonly QuietBar[],
): Promise<Set<number>> {
  if (bars.length === 0) return new Set();
  return prisma.$transaction(
    async (tx) => {
      const written = new Set<number>();
      for (let start = 0; start < bars.length; start += CHUNK) {
        const chunk = bars.slice(start, start + CHUNK);
        const rows = chunk.map(
          (bar) =>
            Prisma.sql`(${bar.botId}::int, ${bar.status}::"BotStatus", ${bar.fillSequence}::int,
              ${utc(bar.previousBarTime)}::timestamp(3), ${utc(bar.time)}::timestamp(3),
              ${bar.peakEquity}::numeric, ${bar.cash}::numeric)`,
        );
        const updated = await tx.$queryRaw<Array<{ id: number }>>`
          UPDATE bots
          SET last_bar_time = v.bar_time, peak_equity = v.peak_equity, current_cash = v.cash,
              updated_at = (now() AT TIME ZONE 'UTC')
          FROM (VALUES ${Prisma.join(rows)})
            AS v(id, status, fill_sequence, previous_bar_time, bar_time, peak_equity, cash)
          WHERE bots.id = v.id AND bots.status = v.status AND bots.lease_owner = ${owner}
            AND bots.fill_sequence = v.fill_sequence
            AND bots.last_bar_time IS NOT DISTINCT FROM v.previous_bar_time
          RETURNING bots.id`;
        const confirmed = new Set(updated.map((row) => row.id));
        const kept = chunk.filter((bar) => confirmed.has(bar.botId));
        if (kept.length === 0) continue;
        await tx.equitySnapshot.createMany({
          data: kept.map((bar) => ({
            botId: bar.botId,
            time: new Date(bar.time),
            equity: bar.equity,
          })),
        });
        const marks = kept.flatMap((bar) =>
          bar.marks.map(
            (mark) => Prisma.sql`(${bar.botId}::int, ${mark.symbol}::text, ${mark.price}::numeric)`,
          ),
        );
        if (marks.length > 0) {
          await tx.$executeRaw`
            UPDATE positions SET last_price = v.price
            FROM (VALUES ${Prisma.join(marks)}) AS v(bot_id, symbol, price)
            WHERE positions.bot_id = v.bot_id AND positions.symbol = v.symbol
              AND positions.closed_at IS NULL`;
        }
        for (const id of confirmed) written.add(id);
      }
      return written;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
