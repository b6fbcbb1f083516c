import { DomainError } from '@tradewind/core';
import ccxt, { type Exchange } from 'ccxt';
import type { ExchangeDescriptor } from '../venue-types.ts';

type CatalogRow = { description: string; options?: Record<string, unknown> };

// Tradewind trades spot: loading only spot markets keeps `loadMarkets` to one cheap public call
// (with keys set, Binance would also call /sapi margin and currency endpoints otherwise).
const SPOT_ONLY = { fetchMarkets: { types: ['spot'] } };

/** The exchanges Tradewind lists by default (seed 003's providers). */
const DEFAULT_ROWS: Record<string, CatalogRow> = {
  binance: {
    description: 'The largest spot exchange by volume; testnet available.',
    options: { ...SPOT_ONLY, fetchCurrencies: false, fetchMargins: false },
  },
  kraken: { description: 'US/EU exchange with deep fiat markets.' },
  kucoin: { description: 'Global exchange; API keys carry a passphrase.', options: SPOT_ONLY },
  luno: { description: 'Exchange serving Africa, Europe and Asia with local fiat pairs.' },
  bybit: { description: 'Global exchange; testnet available.', options: SPOT_ONLY },
};

export const DEFAULT_EXCHANGE_IDS = Object.keys(DEFAULT_ROWS);

type ExchangeClass = new (config?: Record<string, unknown>) => Exchange;

/** ccxt's class for an id, or undefined for an id ccxt does not know. */
export function ccxtClass(id: string): ExchangeClass | undefined {
  if (!ccxt.exchanges.includes(id)) return undefined;
  return (ccxt as unknown as Record<string, ExchangeClass>)[id];
}

/** Throws a clear Error naming ids ccxt does not know (configuration is checked at start). */
export function assertCcxtIds(ids: readonly string[]): void {
  const unknown = ids.filter((id) => ccxtClass(id) === undefined);
  if (unknown.length > 0) {
    throw new Error(`not exchanges ccxt knows: ${unknown.join(', ')}`);
  }
}

/** Extra ccxt options for an exchange (spot only), applied to every instance of it. */
export function exchangeOptions(id: string): Record<string, unknown> {
  return DEFAULT_ROWS[id]?.options ?? {};
}

const CREDENTIAL_NAMES = { apiKey: 'apiKey', secret: 'secret', password: 'passphrase' } as const;

function describe(id: string, Class: ExchangeClass): ExchangeDescriptor {
  // A bare instance carries the metadata; it makes no request.
  const exchange = new Class();
  const required = Object.entries(CREDENTIAL_NAMES)
    .filter(([ccxtName]) => exchange.requiredCredentials[ccxtName] === true)
    .map(([, name]) => name);
  const countries = (exchange.countries ?? []) as string[];
  return {
    id,
    displayName: exchange.name ?? id,
    requiredCredentials: required,
    supportsTestnet: exchange.urls.test !== undefined,
    ...(countries.length > 0 ? { region: countries.join(', ') } : {}),
    description: DEFAULT_ROWS[id]?.description ?? `${exchange.name ?? id} through ccxt.`,
  };
}

/** The exchanges one process lists: the defaults plus the configured extras. */
export class ExchangeCatalog {
  readonly descriptors: readonly ExchangeDescriptor[];

  constructor(extraExchanges: readonly string[]) {
    assertCcxtIds(extraExchanges);
    const ids = [...new Set([...DEFAULT_EXCHANGE_IDS, ...extraExchanges])];
    this.descriptors = ids.map((id) => describe(id, ccxtClass(id) as ExchangeClass));
  }

  /** The descriptor of a listed exchange; VALIDATION_ERROR listing the known ids otherwise. */
  get(id: string): ExchangeDescriptor {
    const found = this.descriptors.find((descriptor) => descriptor.id === id);
    if (found) return found;
    const known = this.descriptors.map((descriptor) => descriptor.id);
    throw new DomainError(
      'VALIDATION_ERROR',
      `exchange: unknown exchange "${id.slice(0, 64)}"; known exchanges: ${known.join(', ')}`,
      { field: 'exchange', known },
    );
  }
}
