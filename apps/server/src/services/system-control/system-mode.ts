import {
  type AuthenticatedPrincipal,
  DomainError,
  type SystemModeView,
  type ZSystemModeInput,
} from '@tradewind/core';
import type { SystemMode as SystemModeRow } from '@tradewind/db';
import type { z } from 'zod';
import type { ResponseHeaders } from '../../rate-limit/rate-limit-error.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { checkTotpCode } from '../auth/two-factor.ts';

type Mode = SystemModeView['mode'];

function view(mode: Mode): SystemModeView {
  return {
    success: true,
    mode,
    paperTrading: mode !== 'live_trading',
    liveTrading: mode === 'live_trading',
    autopilot: mode === 'autopilot',
  };
}

const toMode = (row: SystemModeRow) => row.toLowerCase() as Mode;

/** Seed 003's system mode of the caller. */
export async function getSystemMode(
  deps: Pick<ServiceDeps, 'db'>,
  userId: string,
): Promise<SystemModeView> {
  const user = await deps.db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return view(toMode(user.systemMode));
}

/** Why the switch to live trading is refused, or nothing when it may go ahead. */
function liveTradingProblem(
  twoFactorEnabled: boolean,
  input: z.output<typeof ZSystemModeInput>,
): DomainError | undefined {
  if (!twoFactorEnabled) {
    return new DomainError(
      'VALIDATION_ERROR',
      'mode: live_trading needs two-factor authentication; enable it first (tradewind 2fa enroll)',
      { field: 'mode' },
    );
  }
  if (!input.totpCode) {
    return new DomainError('VALIDATION_ERROR', 'totpCode: live_trading needs your current code', {
      field: 'totpCode',
    });
  }
  if (input.confirm !== true) {
    return new DomainError(
      'VALIDATION_ERROR',
      'confirm: live_trading lets LIVE bots trade real money; confirm the switch',
      { field: 'confirm' },
    );
  }
  return undefined;
}

/**
 * Sets the caller's system mode. LIVE bots are refused outside `live_trading`; switching to it
 * needs two-factor authentication, a current code and a confirmation. `autopilot` is not
 * offered yet (nothing acts by itself), so choosing it is refused rather than silently kept.
 */
export async function setSystemMode(
  deps: Pick<ServiceDeps, 'db' | 'secretBox' | 'rateLimiter' | 'now' | 'config'> & ResponseHeaders,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZSystemModeInput>,
): Promise<{ success: true; mode: Mode }> {
  if (input.mode === 'autopilot') {
    throw new DomainError('VALIDATION_ERROR', 'mode: autopilot is not available yet', {
      field: 'mode',
    });
  }
  const user = await deps.db.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
  const from = toMode(user.systemMode);
  if (input.mode === 'live_trading' && from !== 'live_trading') {
    const problem = liveTradingProblem(user.totpEnabledAt !== null, input);
    if (problem) throw problem;
    if (!(await checkTotpCode(deps, user, input.totpCode as string))) {
      throw new DomainError('AUTH_INVALID', 'totpCode: invalid or already used code', {
        field: 'totpCode',
      });
    }
  }
  if (from !== input.mode) {
    await deps.db.prisma.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: { systemMode: input.mode.toUpperCase() as SystemModeRow },
      });
      await recordAudit(tx, meta, {
        action: 'system.mode_changed',
        actorUserId: user.id,
        targetType: 'user',
        targetId: user.id,
        metadata: { from, to: input.mode },
      });
    });
  }
  return { success: true, mode: input.mode };
}
