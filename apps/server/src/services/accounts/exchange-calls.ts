import { DomainError, isDomainError, PAPER_EXCHANGE } from '@tradewind/core';
import type {
  ExchangeClient,
  ExchangeCredentials,
  ExchangeDescriptor,
  KeyPermissions,
  Venues,
} from '@tradewind/venues';
import { scrubCredentials } from './account-credentials.ts';

/** The exchange Tradewind lists under `id`, or a VALIDATION_ERROR listing the known ones. */
export function knownExchange(venues: Venues, id: string): ExchangeDescriptor {
  const known = venues.knownExchanges();
  const descriptor = known.find((exchange) => exchange.id === id);
  if (!descriptor) {
    const ids = [...known.map((exchange) => exchange.id), PAPER_EXCHANGE];
    throw new DomainError(
      'VALIDATION_ERROR',
      `exchange: unknown exchange "${id}"; known: ${ids.join(', ')}`,
      {
        field: 'exchange',
        known: ids,
      },
    );
  }
  return descriptor;
}

/** Refuses credentials that lack a field the exchange requires (KuCoin's passphrase). */
export function requireCredentialFields(
  descriptor: ExchangeDescriptor,
  credentials: ExchangeCredentials,
  isTestnet: boolean,
): void {
  if (descriptor.requiredCredentials.includes('passphrase') && !credentials.passphrase) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `passphrase: ${descriptor.displayName} requires a passphrase with its API keys`,
      { field: 'passphrase' },
    );
  }
  if (isTestnet && !descriptor.supportsTestnet) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `isTestnet: ${descriptor.displayName} has no testnet`,
      {
        field: 'isTestnet',
      },
    );
  }
}

/**
 * Runs one exchange call. Domain errors pass with credentials scrubbed from their message, a
 * rejected key stays a client error (it is not the caller's session that failed), and anything
 * else (network, 5xx, a library bug) becomes PROVIDER_ERROR with the exchange named.
 */
export async function callExchange<T>(
  exchangeId: string,
  credentials: ExchangeCredentials | undefined,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const message = scrubCredentials(
      error instanceof Error ? error.message : String(error),
      credentials,
    );
    if (isDomainError(error)) {
      const code =
        error.code === 'AUTH_INVALID' || error.code === 'AUTH_REQUIRED'
          ? 'VALIDATION_ERROR'
          : error.code;
      throw new DomainError(code, message, { ...error.details, exchange: exchangeId });
    }
    throw new DomainError('PROVIDER_ERROR', `${exchangeId}: ${message}`, { exchange: exchangeId });
  }
}

/** A client for `exchangeId` with these credentials (known-exchange and field checks first). */
export function exchangeClient(
  venues: Venues,
  exchangeId: string,
  credentials: ExchangeCredentials | undefined,
  isTestnet: boolean,
): ExchangeClient {
  const descriptor = knownExchange(venues, exchangeId);
  if (credentials) requireCredentialFields(descriptor, credentials, isTestnet);
  try {
    return venues.client({ exchangeId, testnet: isTestnet, ...(credentials && { credentials }) });
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw new DomainError(
      'PROVIDER_ERROR',
      `${exchangeId}: ${scrubCredentials(String(error), credentials)}`,
    );
  }
}

/**
 * Checks the keys with a real signed call and refuses a key that can withdraw funds, where the
 * exchange says so: a stolen trading key must not be able to empty the account.
 */
export async function verifyKeys(
  client: ExchangeClient,
  credentials: ExchangeCredentials,
): Promise<KeyPermissions> {
  const permissions = await callExchange(client.exchangeId, credentials, () =>
    client.fetchKeyPermissions(),
  );
  if (permissions.canWithdraw === true) {
    throw new DomainError(
      'VALIDATION_ERROR',
      `apiKey: this ${client.exchangeId} key can withdraw funds; create a key without withdrawal permission (Tradewind only reads balances and trades)`,
      { field: 'apiKey', exchange: client.exchangeId, reason: 'withdraw_enabled' },
    );
  }
  return permissions;
}
