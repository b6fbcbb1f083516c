import { randomUUID } from 'node:crypto';
import {
  type AuthenticatedPrincipal,
  isDomainError,
  permissionsForRole,
  type TradingViewAlert,
  type TradingViewAnswer,
  type TradingViewExecution,
  tradingViewReplyStatus,
} from '@tradewind/core';
import type { Prisma, User } from '@tradewind/db';
import { roleOf } from '../auth/user-profile.ts';
import type { BotDeps } from '../bots/bot-deps.ts';
import { checkAlert } from './check-alert.ts';
import { claimSignal, dedupeKeyOf, type SignalFacts } from './claim-signal.ts';
import { executeOnTargets, resolveTargets, type SignalTarget } from './execute-signal.ts';
import type { IncomingSignal } from './incoming-signal.ts';

/** What became of a signal; it is in the owner's signal log under `correlationId`. */
export type SignalOutcome = TradingViewAnswer & {
  correlationId: string;
  reason: string | null;
  /** For a refusal caused by the payload: the wrong fields and what is wrong with each. */
  fieldErrors: Record<string, string> | undefined;
  results: TradingViewExecution[];
  duplicateOf: string | null;
};

type ReceiveDeps = BotDeps;

/** How the transport hears about work that outlives the request. */
export type SignalHooks = {
  logError(error: unknown, message: string): void;
  /** Execution still running after a 202: the server waits for it before closing. */
  inBackground(work: Promise<unknown>): void;
};

/** The webhook token acts for its owner, with the owner's role; no session stands behind it. */
function ownerPrincipal(owner: User): AuthenticatedPrincipal {
  const role = roleOf(owner);
  return {
    kind: 'user',
    userId: owner.id,
    sessionId: 'tradingview-webhook',
    role,
    permissions: permissionsForRole(role),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, 100) : null;
}

function factsOf(deps: ReceiveDeps, incoming: IncomingSignal, id: string): SignalFacts {
  const { token: _token, ...payload } = incoming.body.ok ? incoming.body.value : {};
  return {
    id,
    userId: incoming.owner.id,
    botName: text(payload.botname),
    symbol: text(payload.symbol),
    side: text(payload.side),
    payload: incoming.body.ok ? (payload as Prisma.InputJsonObject) : undefined,
    sourceIp: incoming.sourceIp,
    receivedAt: deps.now(),
  };
}

function statusOf(results: readonly TradingViewExecution[]): 'EXECUTED' | 'FAILED' | 'PARTIAL' {
  const filled = results.filter((result) => result.success).length;
  if (filled === results.length) return 'EXECUTED';
  return filled === 0 ? 'FAILED' : 'PARTIAL';
}

/**
 * Executes a claimed signal. Answers with the results when they come within the configured
 * acknowledgement time (TradingView gives up after 3 s), else with 202 while execution goes on;
 * either way the signal log gets the results and the status the caller was answered with.
 */
async function executeWithinAck(
  deps: ReceiveDeps,
  incoming: IncomingSignal,
  alert: TradingViewAlert,
  targets: readonly SignalTarget[],
  correlationId: string,
  hooks: SignalHooks,
): Promise<SignalOutcome> {
  // Decided once, synchronously, by whichever comes first: the results or the deadline. With
  // no time to wait (0 ms) the answer is always 202, however fast the paper fill would be.
  let answered: 'with results' | 'before results' | undefined =
    deps.config.tradingViewAckTimeoutMs === 0 ? 'before results' : undefined;
  const finished = executeOnTargets(
    deps,
    ownerPrincipal(incoming.owner),
    alert,
    targets,
    (error, botId) =>
      hooks.logError(error, `TradingView signal ${correlationId} failed on bot ${botId}`),
  ).then(async (results) => {
    answered ??= 'with results';
    const status = statusOf(results);
    const failures = results.filter((result) => !result.success);
    await deps.db.prisma.tradingViewSignal.update({
      where: { id: correlationId },
      data: {
        status,
        results: results as Prisma.InputJsonArray,
        // What the caller was told: the results, or that execution went on (core's mapping).
        httpStatus: tradingViewReplyStatus({
          status: answered === 'with results' ? status : 'PROCESSING',
        }),
        reason: failures.length > 0 ? failures.map((result) => result.error).join('; ') : null,
        completedAt: deps.now(),
      },
    });
    return { status, results };
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    if (answered === 'before results') return resolve('late');
    timer = setTimeout(() => {
      if (answered) return;
      answered = 'before results';
      resolve('late');
    }, deps.config.tradingViewAckTimeoutMs);
  });
  const first = await Promise.race([finished, deadline]);
  clearTimeout(timer);
  if (first === 'late') {
    hooks.inBackground(
      finished.catch((error) =>
        hooks.logError(error, `TradingView signal ${correlationId}: recording the results failed`),
      ),
    );
    return {
      correlationId,
      status: 'PROCESSING',
      reason: null,
      fieldErrors: undefined,
      results: [],
      duplicateOf: null,
    };
  }
  return {
    correlationId,
    status: first.status,
    reason: null,
    fieldErrors: undefined,
    results: first.results,
    duplicateOf: null,
  };
}

/**
 * Receives one authenticated TradingView signal: checks it, finds the owner's bots it names,
 * executes it once (duplicates are logged, not executed) and logs it, accepted or not, in the
 * owner's signal log. Refusals are outcomes with their error code, never exceptions.
 */
export async function receiveSignal(
  deps: ReceiveDeps,
  incoming: IncomingSignal,
  hooks: SignalHooks,
): Promise<SignalOutcome> {
  const correlationId = randomUUID();
  const facts = factsOf(deps, incoming, correlationId);
  try {
    const principal = ownerPrincipal(incoming.owner);
    const alert = checkAlert(deps.now(), incoming, principal);
    const targets = await resolveTargets(deps, incoming.owner.id, alert);
    const claim = await claimSignal(deps, facts, dedupeKeyOf(alert, incoming.rawBody), targets);
    if (claim.duplicateOf) {
      return {
        correlationId,
        status: 'DUPLICATE',
        reason: `Duplicate of signal ${claim.duplicateOf.id}; not executed again`,
        fieldErrors: undefined,
        results: claim.duplicateOf.results,
        duplicateOf: claim.duplicateOf.id,
      };
    }
    return await executeWithinAck(deps, incoming, alert, targets, correlationId, hooks);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const fieldErrors =
      (error.details?.fieldErrors as Record<string, string> | undefined) ??
      (typeof error.details?.field === 'string'
        ? { [error.details.field]: error.message.replace(/^\w+: /, '') }
        : undefined);
    await deps.db.prisma.tradingViewSignal.create({
      data: {
        ...facts,
        status: 'REJECTED',
        httpStatus: tradingViewReplyStatus({ status: 'REJECTED', errorCode: error.code }),
        reason: error.message,
        completedAt: deps.now(),
      },
    });
    return {
      correlationId,
      status: 'REJECTED',
      errorCode: error.code,
      reason: error.message,
      fieldErrors,
      results: [],
      duplicateOf: null,
    };
  }
}
