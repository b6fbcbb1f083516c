import { createHash } from 'node:crypto';
import { DomainError } from '@tradewind/core';
import type {
  ExchangeConnection,
  ExchangeCredentials,
  ExchangeDescriptor,
  VenueSettings,
  Venues,
} from '../venue-types.ts';
import type { SharedExchange } from './ccxt-call.ts';
import { createCcxtClient } from './ccxt-client.ts';
import { createCcxtExecution } from './ccxt-execution.ts';
import { ccxtClass, ExchangeCatalog, exchangeOptions } from './exchange-catalog.ts';
import { DEFAULT_BACKOFF, RequestGate } from './request-gate.ts';
import { checkOverrideUrl, rewriteApiUrls } from './url-overrides.ts';

const CCXT_CREDENTIAL = { apiKey: 'apiKey', secret: 'secret', passphrase: 'password' } as const;

function checkCredentials(
  descriptor: ExchangeDescriptor,
  credentials: ExchangeCredentials | undefined,
): void {
  if (!credentials) return;
  for (const name of descriptor.requiredCredentials) {
    if (!credentials[name]) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `${name}: ${descriptor.displayName} API keys need a ${name}`,
        { field: name, exchange: descriptor.id },
      );
    }
  }
}

/** Credentials are part of the cache key only as a digest: the map never holds them in clear. */
function instanceKey(connection: ExchangeConnection): string {
  const { apiKey = '', secret = '', passphrase = '' } = connection.credentials ?? {};
  const digest = createHash('sha256').update(`${apiKey}\0${secret}\0${passphrase}`).digest('hex');
  return `${connection.exchangeId}|${connection.testnet === true}|${digest}`;
}

/**
 * The ccxt venues of one process. One ccxt instance (with its rate limiter and 429/418 gate)
 * per exchange, credentials and testnet flag, shared by every caller: bots, sync jobs and
 * requests of the same key queue behind the same limiter.
 */
export function createVenues(settings: VenueSettings): Venues {
  const catalog = new ExchangeCatalog(settings.extraExchanges);
  const overrides = Object.fromEntries(
    Object.entries(settings.urlOverrides).map(([id, url]) => [
      id,
      checkOverrideUrl(id, url, settings.allowPrivateUrls === true),
    ]),
  );
  const backoff = { ...DEFAULT_BACKOFF, ...settings.backoff };
  const instances = new Map<string, SharedExchange>();

  function open(
    connection: ExchangeConnection,
    descriptor: ExchangeDescriptor,
    key: string,
  ): SharedExchange {
    const Class = ccxtClass(descriptor.id);
    if (!Class) throw new Error(`ccxt has no exchange ${descriptor.id}`);
    const { credentials } = connection;
    const exchange = new Class({
      enableRateLimit: true,
      ...(settings.timeoutMs ? { timeout: settings.timeoutMs } : {}),
      ...(credentials
        ? Object.fromEntries(
            Object.entries(CCXT_CREDENTIAL)
              .filter(([name]) => credentials[name as keyof ExchangeCredentials])
              .map(([name, ccxtName]) => [
                ccxtName,
                credentials[name as keyof ExchangeCredentials],
              ]),
          )
        : {}),
      options: exchangeOptions(descriptor.id),
    });
    if (connection.testnet) exchange.setSandboxMode(true);
    const { now } = settings;
    if (now) exchange.nonce = () => now();
    const override = overrides[descriptor.id];
    if (override) exchange.urls.api = rewriteApiUrls(exchange.urls.api, override) as never;
    const gate = new RequestGate(descriptor.id, backoff);
    // Requests already queued in ccxt's limiter when a 429 arrives wait the pause out too, then
    // queue again: after a pause they go out at the limiter's pace, not all at once.
    const throttle = exchange.throttle.bind(exchange);
    exchange.throttle = async (cost?: number) => {
      await throttle(cost);
      while (gate.paused) {
        await gate.waitForPause();
        await throttle(cost);
      }
    };
    const original = exchange.onRestResponse.bind(exchange);
    exchange.onRestResponse = (status, statusText, url, method, headers, body, ...rest) => {
      gate.noteResponse(Number(status), headers as Record<string, string>);
      return original(status, statusText, url, method, headers, body, ...rest);
    };
    const shared: SharedExchange = {
      exchange,
      gate,
      release: () => {
        if (instances.get(key) === shared) instances.delete(key);
      },
    };
    return shared;
  }

  function sharedFor(connection: ExchangeConnection): SharedExchange {
    const descriptor = catalog.get(connection.exchangeId);
    checkCredentials(descriptor, connection.credentials);
    if (connection.testnet && !descriptor.supportsTestnet) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `testnet: ${descriptor.displayName} has no testnet`,
        { field: 'testnet', exchange: descriptor.id },
      );
    }
    const key = instanceKey(connection);
    let shared = instances.get(key);
    if (!shared) {
      shared = open(connection, descriptor, key);
      instances.set(key, shared);
    }
    return shared;
  }

  return {
    knownExchanges: () => [...catalog.descriptors],
    client: (connection) => createCcxtClient(sharedFor(connection), connection.credentials),
    execution: (connection) => createCcxtExecution(sharedFor(connection), connection.credentials),
    release: (connection) => instances.delete(instanceKey(connection)),
    openConnections: () => instances.size,
  };
}
