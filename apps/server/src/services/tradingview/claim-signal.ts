import { createHash } from 'node:crypto';
import {
  type TradingViewAlert,
  type TradingViewExecution,
  type TradingViewSignalStatus,
  tradingViewReplyStatus,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { BotDeps } from '../bots/bot-deps.ts';
import type { SignalTarget } from './execute-signal.ts';

/** Statuses of signals that claimed their dedupe key (a rejected signal claims nothing). */
const CLAIMING: TradingViewSignalStatus[] = ['PROCESSING', 'EXECUTED', 'PARTIAL', 'FAILED'];
/** First key of the advisory lock that serialises one user's dedupe checks. */
const DEDUPE_LOCK_NAMESPACE = 7_001;

/** `id:<alert id>` when the alert names itself, else `body:<sha256 of the body>`. */
export function dedupeKeyOf(alert: TradingViewAlert, rawBody: string): string {
  return alert.id !== undefined
    ? `id:${alert.id}`
    : `body:${createHash('sha256').update(rawBody, 'utf8').digest('hex')}`;
}

/** What every log entry of a signal records, whatever becomes of it. */
export type SignalFacts = Omit<
  Prisma.TradingViewSignalUncheckedCreateInput,
  'status' | 'httpStatus'
>;

export type Claim = { duplicateOf: { id: string; results: TradingViewExecution[] } | null };

/**
 * Logs the signal as PROCESSING under its dedupe key, or as DUPLICATE of the accepted signal
 * that already holds the key (an explicit id for good, a body hash within the window). One
 * user's claims are serialised by an advisory lock, so two deliveries at once execute once.
 */
export async function claimSignal(
  deps: Pick<BotDeps, 'db' | 'now' | 'config'>,
  facts: SignalFacts,
  dedupeKey: string,
  targets: readonly SignalTarget[],
): Promise<Claim> {
  const windowStart = new Date(
    deps.now().getTime() - deps.config.tradingViewDedupeWindowSeconds * 1000,
  );
  return deps.db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEDUPE_LOCK_NAMESPACE}::int, hashtext(${facts.userId}))`;
    const first = await tx.tradingViewSignal.findFirst({
      where: {
        userId: facts.userId,
        dedupeKey,
        status: { in: CLAIMING },
        ...(dedupeKey.startsWith('body:') && { receivedAt: { gte: windowStart } }),
      },
      orderBy: { receivedAt: 'asc' },
    });
    if (first) {
      await tx.tradingViewSignal.create({
        data: {
          ...facts,
          status: 'DUPLICATE',
          httpStatus: tradingViewReplyStatus({ status: 'DUPLICATE' }),
          dedupeKey,
          duplicateOf: first.id,
          botIds: first.botIds,
          reason: `Duplicate of signal ${first.id}; not executed again`,
          completedAt: deps.now(),
        },
      });
      return {
        duplicateOf: { id: first.id, results: first.results as TradingViewExecution[] },
      };
    }
    await tx.tradingViewSignal.create({
      data: {
        ...facts,
        status: 'PROCESSING',
        httpStatus: tradingViewReplyStatus({ status: 'PROCESSING' }),
        dedupeKey,
        botIds: targets.map((target) => target.bot.id),
      },
    });
    return { duplicateOf: null };
  });
}
