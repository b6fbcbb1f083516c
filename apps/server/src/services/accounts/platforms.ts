import {
  type AuthenticatedPrincipal,
  isDomainError,
  type Platform,
  type PlatformHealth,
  type Provider,
} from '@tradewind/core';
import type { ExchangeDescriptor } from '@tradewind/venues';
import { storedCredentials } from './account-commands.ts';
import type { AccountDeps } from './account-deps.ts';
import { callExchange, exchangeClient, verifyKeys } from './exchange-calls.ts';

const FIELD_NAMES = { apiKey: 'apiKey', secret: 'apiSecret', passphrase: 'passphrase' } as const;

/** Seed 003 providers: every exchange Tradewind lists, and paper trading. */
export function listProviders(deps: Pick<AccountDeps, 'venues'>): Provider[] {
  return [
    ...deps.venues.knownExchanges().map((exchange) => ({
      id: exchange.id,
      type: 'exchange' as const,
      displayName: exchange.displayName,
      requiredFields: exchange.requiredCredentials.map((field) => FIELD_NAMES[field]),
      icon: `${exchange.id}.svg`,
      description: exchange.description,
    })),
    {
      id: 'paper',
      type: 'paper' as const,
      displayName: 'Paper',
      requiredFields: ['initialBalance' as const],
      icon: 'paper.svg',
      description: 'Simulated account with an initial balance; no exchange keys',
    },
  ];
}

/** Seed 003 platforms: the exchanges, with the caller's bot limit. Live orders come next issue. */
export async function listPlatforms(
  deps: Pick<AccountDeps, 'venues' | 'db'>,
  principal: AuthenticatedPrincipal,
): Promise<Platform[]> {
  const user = await deps.db.prisma.user.findUnique({
    where: { id: principal.userId },
    select: { activeBotLimit: true },
  });
  return deps.venues.knownExchanges().map((exchange) => ({
    id: exchange.id,
    name: exchange.displayName,
    displayName: exchange.displayName,
    enabled: true,
    botLimit: user?.activeBotLimit ?? 1,
    supportsPaper: true,
    supportsLive: false,
    supportsTestnet: exchange.supportsTestnet,
    icon: `${exchange.id}.svg`,
    region: exchange.region ?? null,
    description: exchange.description,
  }));
}

type KeyedAccount = { id: string; isTestnet: boolean; credentialsEncrypted: string | null };

const NOT_CONFIGURED: PlatformHealth = {
  status: 'not_configured',
  hasKeys: false,
  keysValid: null,
  lastCheck: null,
  apiLatencyMs: null,
  error: null,
};

/**
 * One exchange's health for this user: a real call (server time) measures latency, and each
 * of the user's keys there is checked with a signed call; verdicts are stored on the accounts.
 */
async function checkExchange(
  deps: AccountDeps,
  exchange: ExchangeDescriptor,
  accounts: KeyedAccount[],
): Promise<PlatformHealth> {
  if (accounts.length === 0) return NOT_CONFIGURED;
  const now = deps.now();
  const down = (error: unknown): PlatformHealth => ({
    status: 'down',
    hasKeys: true,
    keysValid: null,
    lastCheck: now.toISOString(),
    apiLatencyMs: null,
    error: error instanceof Error ? error.message : String(error),
  });
  let latencyMs: number;
  try {
    const client = exchangeClient(
      deps.venues,
      exchange.id,
      undefined,
      accounts[0]?.isTestnet ?? false,
    );
    latencyMs = (await callExchange(exchange.id, undefined, () => client.ping())).latencyMs;
  } catch (error) {
    return down(error);
  }
  const problems: string[] = [];
  for (const account of accounts) {
    const credentials = storedCredentials(deps, account.credentialsEncrypted);
    try {
      await verifyKeys(
        exchangeClient(deps.venues, exchange.id, credentials, account.isTestnet),
        credentials ?? { apiKey: '', secret: '' },
      );
      await deps.db.prisma.account.update({
        where: { id: account.id },
        data: { keysValid: true, keysCheckedAt: now },
      });
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'VALIDATION_ERROR') return down(error);
      problems.push(error.message);
      await deps.db.prisma.account.update({
        where: { id: account.id },
        data: { keysValid: false, keysCheckedAt: now },
      });
    }
  }
  return {
    status: problems.length === 0 ? 'operational' : 'degraded',
    hasKeys: true,
    keysValid: problems.length === 0,
    lastCheck: now.toISOString(),
    apiLatencyMs: latencyMs,
    error: problems[0] ?? null,
  };
}

/** Seed 003 platforms/health, every listed exchange checked at once. */
export async function platformsHealth(
  deps: AccountDeps,
  principal: AuthenticatedPrincipal,
): Promise<Record<string, PlatformHealth>> {
  const accounts = await deps.db.prisma.account.findMany({
    where: { userId: principal.userId, credentialsEncrypted: { not: null } },
    select: { id: true, exchange: true, isTestnet: true, credentialsEncrypted: true },
    orderBy: { createdAt: 'asc' },
  });
  const exchanges = deps.venues.knownExchanges();
  const checks = await Promise.all(
    exchanges.map((exchange) =>
      checkExchange(
        deps,
        exchange,
        accounts.filter((account) => account.exchange === exchange.id),
      ),
    ),
  );
  return Object.fromEntries(
    exchanges.map((exchange, index) => [exchange.id, checks[index] ?? NOT_CONFIGURED]),
  );
}
