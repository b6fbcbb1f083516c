import type { BotStatus } from '@tradewind/core';
import type { Database } from '@tradewind/db';

export type ClaimedBot = { id: number; status: BotStatus };

/** Statuses a runner drives (and so leases). */
const LEASABLE = "('ACTIVE', 'PAUSED', 'STOPPING')";

/**
 * The leases of one runner process on `bots.lease_owner`, shared fairly across processes.
 * Every tick the runner renews its row in `bot_runners` (its heartbeat); the fair share is the
 * leasable bots divided by the runners whose rows have not expired, rounded up. A runner above
 * its share hands the excess back (the others claim it on their next tick); one below claims
 * free or expired leases up to its share. So a process joining gets its share within a tick or
 * two of the others seeing its heartbeat, one leaving gracefully (`release`) hands its bots over
 * at once, and one that dies is replaced once its leases and heartbeat expire. Replicas with the
 * runner disabled never write a heartbeat and never claim.
 */
export class BotLeases {
  readonly #db: Database;
  readonly #owner: string;
  readonly #leaseSeconds: number;

  constructor(db: Database, owner: string, leaseMs: number) {
    this.#db = db;
    this.#owner = owner;
    this.#leaseSeconds = leaseMs / 1000;
  }

  /** Heartbeat, rebalance, renew and claim: the bots this process holds for the next tick. */
  async claim(): Promise<ClaimedBot[]> {
    const prisma = this.#db.prisma;
    const owner = this.#owner;
    const seconds = this.#leaseSeconds;
    await prisma.$executeRaw`
      INSERT INTO bot_runners (owner, expires_at)
      VALUES (${owner}, (now() AT TIME ZONE 'UTC') + make_interval(secs => ${seconds}))
      ON CONFLICT (owner) DO UPDATE SET expires_at = EXCLUDED.expires_at`;
    const [counts] = await prisma.$queryRawUnsafe<
      { runners: bigint; bots: bigint; held: bigint }[]
    >(
      `SELECT
        (SELECT count(*) FROM bot_runners WHERE expires_at >= (now() AT TIME ZONE 'UTC')) AS runners,
        (SELECT count(*) FROM bots WHERE status IN ${LEASABLE}) AS bots,
        (SELECT count(*) FROM bots WHERE status IN ${LEASABLE} AND lease_owner = $1) AS held`,
      owner,
    );
    const runners = Math.max(1, Number(counts?.runners ?? 1));
    const share = Math.ceil(Number(counts?.bots ?? 0) / runners);
    const held = Number(counts?.held ?? 0);
    if (held > share) {
      // The newest bots go first; the older ones stay where their state is warm.
      await prisma.$executeRawUnsafe(
        `UPDATE bots SET lease_owner = NULL, lease_expires_at = NULL
         WHERE id IN (SELECT id FROM bots WHERE lease_owner = $1 AND status IN ${LEASABLE}
                      ORDER BY id DESC LIMIT $2)`,
        owner,
        held - share,
      );
    }
    const renewed = await prisma.$queryRawUnsafe<ClaimedBot[]>(
      `UPDATE bots
       SET lease_expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2)
       WHERE lease_owner = $1 AND status IN ${LEASABLE}
       RETURNING id, status::text AS status`,
      owner,
      seconds,
    );
    const wanted = share - renewed.length;
    if (wanted <= 0) return renewed;
    // Conditional UPDATE over SKIP LOCKED candidates: under concurrency PostgreSQL re-checks
    // the WHERE clause on the locked row, so two processes never both take the same lease.
    const taken = await prisma.$queryRawUnsafe<ClaimedBot[]>(
      `UPDATE bots
       SET lease_owner = $1,
           lease_expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2)
       WHERE id IN (SELECT id FROM bots
                    WHERE status IN ${LEASABLE}
                      AND (lease_owner IS NULL OR lease_expires_at < (now() AT TIME ZONE 'UTC'))
                    ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
         AND (lease_owner IS NULL OR lease_expires_at < (now() AT TIME ZONE 'UTC'))
       RETURNING id, status::text AS status`,
      owner,
      seconds,
      wanted,
    );
    return [...renewed, ...taken];
  }

  /** Extends this process's leases (and heartbeat) during a long tick. */
  async renew(): Promise<void> {
    const prisma = this.#db.prisma;
    await prisma.$executeRaw`
      UPDATE bots
      SET lease_expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${this.#leaseSeconds})
      WHERE lease_owner = ${this.#owner}`;
    await prisma.$executeRaw`
      UPDATE bot_runners
      SET expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${this.#leaseSeconds})
      WHERE owner = ${this.#owner}`;
  }

  /** Hands every bot back and leaves the runner pool, so the others take over at once. */
  async release(): Promise<void> {
    const prisma = this.#db.prisma;
    await prisma.$executeRaw`DELETE FROM bot_runners WHERE owner = ${this.#owner}`;
    await prisma.$executeRaw`
      UPDATE bots SET lease_owner = NULL, lease_expires_at = NULL
      WHERE lease_owner = ${this.#owner}`;
  }
}
