import {
  type AccountSyncResult,
  type AssetBalance,
  type AuthenticatedPrincipal,
  PAPER_EXCHANGE,
  type Valuation,
} from '@tradewind/core';
import { ownedAccount, userCurrency } from './account-access.ts';
import { storedCredentials } from './account-commands.ts';
import type { AccountDeps } from './account-deps.ts';
import type { AccountRow } from './account-mapping.ts';
import { callExchange, exchangeClient } from './exchange-calls.ts';
import { paperValuation, valueBalances } from './valuation.ts';

type Snapshot = { assets: AssetBalance[]; valuation: Valuation };

/** Balances and their value, read from the exchange with the account's keys. */
export async function readExchangeBalances(
  deps: AccountDeps,
  account: Pick<AccountRow, 'exchange' | 'isTestnet' | 'credentialsEncrypted'>,
  currency: string,
): Promise<Snapshot> {
  const credentials = storedCredentials(deps, account.credentialsEncrypted);
  const client = exchangeClient(deps.venues, account.exchange, credentials, account.isTestnet);
  return callExchange(account.exchange, credentials, async () => {
    const assets = (await client.fetchBalances()).filter((asset) => asset.total !== 0);
    return { assets, valuation: await valueBalances(client, assets, currency, deps.now()) };
  });
}

/** A paper account: its initial balance plus what its bots realized, plus their open positions. */
function paperSnapshot(account: AccountRow, currency: string, now: Date): Snapshot {
  const realized = account.bots.reduce((sum, bot) => sum + bot.totalPnl.toNumber(), 0);
  const cash = (account.initialBalance?.toNumber() ?? 0) + realized;
  return {
    assets: [{ currency, free: cash, used: 0, total: cash }],
    valuation: paperValuation(cash, currency, now),
  };
}

/**
 * Seed 001 sync-balance: reads the balances, values them in the user's currency (balance = cash,
 * equity = everything priced) and stores the snapshot and an equity record in one transaction,
 * only after every exchange call has succeeded.
 */
export async function syncBalance(
  deps: AccountDeps,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<AccountSyncResult> {
  const account = await ownedAccount(deps, principal, id);
  const currency = await userCurrency(deps, principal);
  const now = deps.now();
  const snapshot =
    account.exchange === PAPER_EXCHANGE
      ? paperSnapshot(account, currency, now)
      : await readExchangeBalances(deps, account, currency);
  const { cash, total } = snapshot.valuation;
  await deps.db.prisma.$transaction(async (tx) => {
    await tx.account.update({
      where: { id: account.id },
      data: {
        balances: snapshot.assets,
        balance: cash,
        equity: total,
        valuationCurrency: currency,
        valuation: snapshot.valuation,
        lastSyncAt: now,
        ...(account.exchange !== PAPER_EXCHANGE && { keysValid: true, keysCheckedAt: now }),
      },
    });
    await tx.accountEquitySnapshot.upsert({
      where: { accountId_time: { accountId: account.id, time: now } },
      create: { accountId: account.id, time: now, balance: cash, equity: total },
      update: { balance: cash, equity: total },
    });
  });
  return {
    success: true,
    balance: cash,
    equity: total,
    currency,
    syncedAt: now.toISOString(),
    valuation: snapshot.valuation,
  };
}
