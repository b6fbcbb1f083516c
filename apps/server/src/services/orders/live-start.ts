import { DomainError } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';

const refuse = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_ERROR', `${field}: ${message}`, { field });

/**
 * The conditions a LIVE bot starts under, each refused by name: the live_trading system mode,
 * two-factor authentication, a connected exchange account of the caller's with API keys
 * (someone else's is NOT_FOUND), the explicit confirmation, and the account's limits set (max order
 * notional, max open exposure). Returns the account and the feed (the account's exchange; a
 * different `feed` is refused).
 */
export async function checkLiveStart(
  deps: Pick<ServiceDeps, 'db'>,
  userId: string,
  input: {
    accountId?: string | undefined;
    confirmLive?: boolean | undefined;
    feed?: string | undefined;
  },
): Promise<{ accountId: string; feed: string }> {
  const { prisma } = deps.db;
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { systemMode: true, totpEnabledAt: true },
  });
  if (user.systemMode !== 'LIVE_TRADING') {
    throw refuse(
      'mode',
      'LIVE bots need the live_trading system mode (tradewind system mode live_trading)',
    );
  }
  if (user.totpEnabledAt === null) {
    throw refuse(
      'twoFactor',
      'LIVE bots need two-factor authentication enabled (tradewind 2fa enroll)',
    );
  }
  if (input.accountId === undefined) {
    throw refuse('accountId', 'LIVE trading needs a connected exchange account (accountId)');
  }
  const account = await prisma.account.findFirst({
    where: { id: input.accountId, userId },
  });
  if (account === null) throw new DomainError('NOT_FOUND', 'Account not found');
  if (account.credentialsEncrypted === null) {
    throw refuse(
      'accountId',
      `account ${account.name} has no API keys: LIVE needs a keyed exchange account`,
    );
  }
  if (input.confirmLive !== true) {
    throw refuse(
      'confirmLive',
      'a LIVE bot trades real money: confirm it (confirmLive: true, --confirm-live)',
    );
  }
  if (account.maxOrderNotional === null || account.maxOpenExposure === null) {
    throw refuse(
      'accountId',
      `account ${account.name} has no LIVE limits: set maxOrderNotional and maxOpenExposure first (tradewind accounts limits)`,
    );
  }
  if (input.feed !== undefined && input.feed !== account.exchange) {
    throw refuse('feed', `a LIVE bot trades on its account's exchange (${account.exchange})`);
  }
  return { accountId: account.id, feed: account.exchange };
}
