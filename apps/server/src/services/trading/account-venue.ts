import { DomainError } from '@tradewind/core';
import type { ExecutionPort } from '@tradewind/engine';
import type { ExchangeClient, ExchangeCredentials } from '@tradewind/venues';
import type { ServiceDeps } from '../../service-deps.ts';
import { openCredentials } from '../accounts/account-credentials.ts';
import { callExchange, exchangeClient } from '../accounts/exchange-calls.ts';

export type TradingDeps = Pick<ServiceDeps, 'db' | 'now' | 'venues' | 'secretBox' | 'events'>;

/** The account fields trading needs. */
export type TradingAccount = {
  id: string;
  name: string;
  exchange: string;
  isTestnet: boolean;
  credentialsEncrypted: string | null;
};

export const TRADING_ACCOUNT_SELECT = {
  id: true,
  name: true,
  exchange: true,
  isTestnet: true,
  credentialsEncrypted: true,
} as const;

/** An account's exchange: its order port and its market-data client, every call scrubbed. */
export type AccountVenue = {
  readonly port: ExecutionPort;
  readonly client: ExchangeClient;
  /** Runs an exchange call: failures become DomainErrors with no credential in their message. */
  call<T>(run: () => Promise<T>): Promise<T>;
};

/**
 * The venue of a keyed account. A paper account has no exchange to send orders to: its
 * trading is the paper bots'. Refused with the reason, so a group execution lists it as that
 * account's error.
 */
export function accountVenue(
  deps: Pick<TradingDeps, 'venues' | 'secretBox'>,
  account: TradingAccount,
): AccountVenue {
  if (account.credentialsEncrypted === null) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `account ${account.name} is a paper account: it trades through paper bots, not on an exchange`,
      { field: 'accountId' },
    );
  }
  const credentials: ExchangeCredentials = openCredentials(
    deps.secretBox,
    account.credentialsEncrypted,
  );
  const client = exchangeClient(deps.venues, account.exchange, credentials, account.isTestnet);
  const port = deps.venues.execution({
    exchangeId: account.exchange,
    credentials,
    testnet: account.isTestnet,
  });
  return {
    port,
    client,
    call: (run) => callExchange(account.exchange, credentials, run),
  };
}
