import type { AccountConfig } from '../options.ts';

export type Balance = { free: number; locked: number };

/** One API key's account: its secret, permissions and balances (mutable server state). */
export type Account = {
  readonly apiKey: string;
  readonly secret: string;
  canTrade: boolean;
  canWithdraw: boolean;
  canDeposit: boolean;
  readonly balances: Map<string, Balance>;
  updateTime: number;
};

/** The accounts by API key, from the options. */
export function createAccounts(
  configs: readonly AccountConfig[],
  now: number,
): Map<string, Account> {
  return new Map(
    configs.map((config) => [
      config.apiKey,
      {
        apiKey: config.apiKey,
        secret: config.secret,
        canTrade: config.canTrade,
        canWithdraw: config.canWithdraw,
        canDeposit: config.canDeposit,
        balances: new Map(
          Object.entries(config.balances).map(([asset, free]) => [asset, { free, locked: 0 }]),
        ),
        updateTime: now,
      },
    ]),
  );
}

/** The balance of an asset, created empty on first use. */
export function balanceOf(account: Account, asset: string): Balance {
  let balance = account.balances.get(asset);
  if (balance === undefined) {
    balance = { free: 0, locked: 0 };
    account.balances.set(asset, balance);
  }
  return balance;
}
