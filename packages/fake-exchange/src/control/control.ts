import { z } from 'zod';
import type { Exchange } from '../exchange.ts';
import { type Fault, type FaultInput, ZFault } from '../faults/fault.ts';
import type { RequestRecord } from '../server/request-log.ts';
import { balanceOf } from '../trading/account.ts';

/** What may change on a running account: permissions, and free balances per asset. */
export const ZAccountPatch = z.strictObject({
  canTrade: z.boolean().optional(),
  canWithdraw: z.boolean().optional(),
  canDeposit: z.boolean().optional(),
  balances: z.record(z.string().regex(/^[A-Z0-9]{1,12}$/), z.number().nonnegative()).optional(),
});
export type AccountPatch = z.input<typeof ZAccountPatch>;

/** Steers a running fake exchange from a test (or, over HTTP, from any CI script). */
export type FakeExchangeControl = {
  /** Adds a fault (validated; throws ZodError naming the field) and returns its id. */
  injectFault(fault: FaultInput): number;
  removeFault(id: number): boolean;
  clearFaults(): void;
  faults(): Array<Fault & { id: number; remaining: number | null }>;
  /** Changes a key's permissions or free balances; throws for an unknown key. */
  updateAccount(apiKey: string, patch: AccountPatch): void;
  /** Forgets request weight used and lifts bans. */
  resetLimits(): void;
  /** The Binance requests received so far (oldest first), as the exchange saw them. */
  requests(): readonly RequestRecord[];
  clearRequests(): void;
};

export function createControl(exchange: Exchange): FakeExchangeControl {
  return {
    injectFault: (fault) => exchange.faults.add(ZFault.parse(fault)),
    removeFault: (id) => exchange.faults.remove(id),
    clearFaults: () => exchange.faults.clear(),
    faults: () => exchange.faults.list(),
    updateAccount(apiKey, patch) {
      const account = exchange.accounts.get(apiKey);
      if (account === undefined) throw new Error(`unknown api key ${apiKey}`);
      const { balances, ...permissions } = ZAccountPatch.parse(patch);
      Object.assign(account, permissions);
      for (const [asset, free] of Object.entries(balances ?? {})) {
        balanceOf(account, asset).free = free;
      }
      account.updateTime = exchange.now();
    },
    resetLimits: () => exchange.limiter?.reset(),
    requests: () => exchange.requests.list(),
    clearRequests: () => exchange.requests.clear(),
  };
}
