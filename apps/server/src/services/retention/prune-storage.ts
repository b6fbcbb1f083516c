import type { Database } from '@tradewind/db';
import type { RetentionConfig } from '../../runtime/retention/retention-config.ts';

/** Rows deleted (or, for backtest uploads, cleared) by one pass, per kind. */
export type PruneCounts = {
  outboxEvents: number;
  webhookDeliveries: number;
  idempotencyKeys: number;
  tradingViewSignals: number;
  backtestUploads: number;
};

/** Deletes in chunks, so one pass never holds long locks or a huge transaction. */
const CHUNK = 5_000;

async function inChunks(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await run();
    total += deleted;
    if (deleted < CHUNK) return total;
  }
}

/**
 * One retention pass: what no reader needs any more goes. Outbox events go once older than
 * both their window and the realtime replay window, and only below the webhook fan-out cursor
 * (never an event not yet turned into deliveries, which carry their own body); finished webhook deliveries (their attempt
 * logs cascade) after theirs; idempotency keys once expired; TradingView signal logs after
 * theirs; a finished backtest's uploaded CSV is cleared (its results stay). Pending deliveries,
 * unfinished backtests and live keys are never touched.
 */
export async function pruneStorage(
  db: Database,
  windows: Pick<
    RetentionConfig,
    'outboxMs' | 'webhookDeliveryMs' | 'tradingViewSignalMs' | 'backtestUploadMs'
  > & { replayWindowMs: number },
  now: Date,
): Promise<PruneCounts> {
  const prisma = db.prisma;
  const before = (ms: number) => new Date(now.getTime() - ms);
  const outboxBefore = before(Math.max(windows.outboxMs, windows.replayWindowMs));
  const deliveriesBefore = before(windows.webhookDeliveryMs);
  const signalsBefore = before(windows.tradingViewSignalMs);
  const uploadsBefore = before(windows.backtestUploadMs);
  return {
    webhookDeliveries: await inChunks(
      () => prisma.$executeRaw`
        DELETE FROM webhook_deliveries WHERE id IN (
          SELECT id FROM webhook_deliveries
          WHERE status IN ('SUCCEEDED', 'FAILED') AND created_at < ${deliveriesBefore}
          LIMIT ${CHUNK})`,
    ),
    outboxEvents: await inChunks(
      () => prisma.$executeRaw`
        DELETE FROM outbox_events WHERE id IN (
          SELECT e.id FROM outbox_events e
          WHERE e.created_at < ${outboxBefore}
            AND e.id <= COALESCE((SELECT min(position) FROM outbox_cursors), 0)
          LIMIT ${CHUNK})`,
    ),
    idempotencyKeys: await inChunks(
      () => prisma.$executeRaw`
        DELETE FROM idempotency_keys WHERE ctid IN (
          SELECT ctid FROM idempotency_keys WHERE expires_at < ${now} LIMIT ${CHUNK})`,
    ),
    tradingViewSignals: await inChunks(
      () => prisma.$executeRaw`
        DELETE FROM tradingview_signals WHERE id IN (
          SELECT id FROM tradingview_signals WHERE received_at < ${signalsBefore} LIMIT ${CHUNK})`,
    ),
    backtestUploads: await prisma.$executeRaw`
      UPDATE backtests SET csv = NULL
      WHERE csv IS NOT NULL AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')
        AND finished_at < ${uploadsBefore}`,
  };
}
