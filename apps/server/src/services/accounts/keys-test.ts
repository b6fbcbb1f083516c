import {
  type AuthenticatedPrincipal,
  DomainError,
  isDomainError,
  type KeysTestResult,
  PAPER_EXCHANGE,
  type ZKeysTestInput,
} from '@tradewind/core';
import type { ExchangeCredentials } from '@tradewind/venues';
import type { z } from 'zod';
import { ownedAccount } from './account-access.ts';
import { storedCredentials } from './account-commands.ts';
import { credentialsOf } from './account-credentials.ts';
import type { AccountDeps } from './account-deps.ts';
import { exchangeClient, verifyKeys } from './exchange-calls.ts';

type Target = {
  exchange: string;
  credentials: ExchangeCredentials | undefined;
  isTestnet: boolean;
  accountId?: string;
};

async function targetOf(
  deps: AccountDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZKeysTestInput>,
): Promise<Target> {
  if (input.accountId === undefined) {
    if (input.provider === PAPER_EXCHANGE) {
      throw new DomainError(
        'VALIDATION_ERROR',
        'provider: paper accounts have no API keys to test',
        {
          field: 'provider',
        },
      );
    }
    return {
      exchange: input.provider ?? '',
      credentials: credentialsOf({
        apiKey: input.apiKey ?? '',
        apiSecret: input.apiSecret ?? '',
        passphrase: input.passphrase,
      }),
      isTestnet: input.isTestnet ?? false,
    };
  }
  const account = await ownedAccount(deps, principal, input.accountId);
  if (account.exchange === PAPER_EXCHANGE) {
    throw new DomainError(
      'VALIDATION_ERROR',
      'accountId: a paper account has no API keys to test',
      {
        field: 'accountId',
      },
    );
  }
  return {
    exchange: account.exchange,
    credentials: storedCredentials(deps, account.credentialsEncrypted),
    isTestnet: account.isTestnet,
    accountId: account.id,
  };
}

/**
 * Seed 003 keys/test: a real signed call with the keys. Valid keys answer the seed's success
 * shape with what the key may do; rejected ones fail with "Invalid API credentials: <the
 * exchange's reason>". Testing an account's stored keys records the verdict on the account.
 */
export async function testKeys(
  deps: AccountDeps,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZKeysTestInput>,
): Promise<KeysTestResult> {
  const target = await targetOf(deps, principal, input);
  const client = exchangeClient(deps.venues, target.exchange, target.credentials, target.isTestnet);
  const record = async (keysValid: boolean) => {
    if (target.accountId === undefined) return;
    await deps.db.prisma.account.update({
      where: { id: target.accountId },
      data: { keysValid, keysCheckedAt: deps.now() },
    });
  };
  try {
    const permissions = await verifyKeys(client, target.credentials ?? { apiKey: '', secret: '' });
    await record(true);
    return { success: true, message: 'API keys are valid', provider: target.exchange, permissions };
  } catch (error) {
    // A key the exchange refused (or one that can withdraw) is invalid; an outage says nothing.
    if (isDomainError(error) && error.code === 'VALIDATION_ERROR') await record(false);
    throw error;
  }
}
