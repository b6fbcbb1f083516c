import {
  type Account,
  type AccountCredentialsInput,
  type AuthenticatedPrincipal,
  DomainError,
  PAPER_EXCHANGE,
  RUNNING_STATUSES,
  type ZAccountCreateInput,
} from '@tradewind/core';
import type { ExchangeCredentials } from '@tradewind/venues';
import type { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { ownedGroup } from '../groups/group-access.ts';
import { ownedAccount, userCurrency } from './account-access.ts';
import { credentialsOf, openCredentials, sealCredentials } from './account-credentials.ts';
import type { AccountDeps } from './account-deps.ts';
import { ACCOUNT_INCLUDE, toAccount } from './account-mapping.ts';
import { exchangeClient, knownExchange, verifyKeys } from './exchange-calls.ts';
import { paperValuation } from './valuation.ts';

type CreateInput = z.output<typeof ZAccountCreateInput>;

/**
 * Creates an account. Exchange keys are checked with a real signed call first (a key that can
 * withdraw is refused), so an unreachable exchange or a rejected key leaves nothing written.
 * A paper account starts with its initial balance as cash and equity.
 */
export async function createAccount(
  deps: AccountDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: CreateInput,
): Promise<Account> {
  const now = deps.now();
  const paper = input.exchange === PAPER_EXCHANGE;
  if (input.groupId) await ownedGroup(deps.db.prisma, principal, input.groupId);
  let credentialsEncrypted: string | null = null;
  let displayName = 'Paper';
  if (!paper) {
    const descriptor = knownExchange(deps.venues, input.exchange);
    displayName = descriptor.displayName;
    const credentials = credentialsOf({
      apiKey: input.apiKey ?? '',
      apiSecret: input.apiSecret ?? '',
      passphrase: input.passphrase,
    });
    await verifyOrRelease(deps, input.exchange, credentials, input.isTestnet);
    credentialsEncrypted = sealCredentials(deps.secretBox, credentials);
  }
  const currency = paper ? await userCurrency(deps, principal) : null;
  const row = await deps.db.prisma.$transaction(async (tx) => {
    const created = await tx.account.create({
      data: {
        userId: principal.userId,
        name: input.name ?? `${displayName}${input.isTestnet ? ' testnet' : ''}`,
        exchange: input.exchange,
        isTestnet: input.isTestnet,
        credentialsEncrypted,
        groupId: input.groupId ?? null,
        ...(paper
          ? {
              initialBalance: input.initialBalance,
              balance: input.initialBalance,
              equity: input.initialBalance,
              valuationCurrency: currency,
              balances: [
                { currency, free: input.initialBalance, used: 0, total: input.initialBalance },
              ],
              valuation: paperValuation(input.initialBalance ?? 0, currency ?? 'USD', now),
              lastSyncAt: now,
              snapshots: {
                create: {
                  time: now,
                  balance: input.initialBalance ?? 0,
                  equity: input.initialBalance ?? 0,
                },
              },
            }
          : { keysValid: true, keysCheckedAt: now }),
      },
      include: ACCOUNT_INCLUDE,
    });
    await recordAudit(tx, meta, {
      action: 'account.created',
      actorUserId: principal.userId,
      targetType: 'account',
      targetId: created.id,
      metadata: { exchange: created.exchange, isTestnet: created.isTestnet },
    });
    return created;
  });
  return toAccount(row);
}

/** Replaces an exchange account's keys, after the exchange has accepted the new ones. */
export async function updateCredentials(
  deps: AccountDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: AccountCredentialsInput,
): Promise<void> {
  const account = await ownedAccount(deps, principal, input.id);
  if (account.exchange === PAPER_EXCHANGE) {
    throw new DomainError('VALIDATION_ERROR', 'id: a paper account has no API keys', {
      field: 'id',
    });
  }
  const credentials = credentialsOf(input);
  await verifyOrRelease(deps, account.exchange, credentials, account.isTestnet);
  const previous = storedCredentials(deps, account.credentialsEncrypted);
  await deps.db.prisma.$transaction(async (tx) => {
    await tx.account.update({
      where: { id: account.id },
      data: {
        credentialsEncrypted: sealCredentials(deps.secretBox, credentials),
        keysValid: true,
        keysCheckedAt: deps.now(),
      },
    });
    await recordAudit(tx, meta, {
      action: 'account.credentials_updated',
      actorUserId: principal.userId,
      targetType: 'account',
      targetId: account.id,
    });
  });
  releaseConnection(deps, account.exchange, previous, account.isTestnet);
}

/** Deletes an account, refused while a running bot trades on it (stopped bots keep their history). */
export async function deleteAccount(
  deps: AccountDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<void> {
  const account = await ownedAccount(deps, principal, id);
  await deps.db.prisma.$transaction(async (tx) => {
    const running = await tx.bot.findMany({
      where: { accountId: account.id, status: { in: [...RUNNING_STATUSES] } },
      select: { id: true, name: true },
      orderBy: { id: 'asc' },
    });
    if (running.length > 0) {
      const names = running.map((bot) => `${bot.id} (${bot.name})`).join(', ');
      throw new DomainError(
        'CONFLICT',
        `Account ${account.id} is used by running bot ${names}: stop it first`,
        {
          botIds: running.map((bot) => bot.id),
        },
      );
    }
    await tx.account.delete({ where: { id: account.id } });
    await recordAudit(tx, meta, {
      action: 'account.deleted',
      actorUserId: principal.userId,
      targetType: 'account',
      targetId: account.id,
      metadata: { exchange: account.exchange },
    });
  });
  releaseConnection(
    deps,
    account.exchange,
    storedCredentials(deps, account.credentialsEncrypted),
    account.isTestnet,
  );
}

/**
 * Checks keys with the exchange; keys it refuses (or that can withdraw) leave no shared
 * connection behind: Tradewind will never use them.
 */
async function verifyOrRelease(
  deps: AccountDeps,
  exchange: string,
  credentials: ExchangeCredentials,
  isTestnet: boolean,
): Promise<void> {
  try {
    await verifyKeys(exchangeClient(deps.venues, exchange, credentials, isTestnet), credentials);
  } catch (error) {
    releaseConnection(deps, exchange, credentials, isTestnet);
    throw error;
  }
}

/** Drops the process's shared exchange connection of keys no longer in use (no leak). */
function releaseConnection(
  deps: Pick<AccountDeps, 'venues'>,
  exchange: string,
  credentials: ExchangeCredentials | undefined,
  isTestnet: boolean,
): void {
  if (credentials) deps.venues.release({ exchangeId: exchange, credentials, testnet: isTestnet });
}

/** The stored credentials of an exchange account, for a call on the owner's behalf. */
export function storedCredentials(deps: Pick<AccountDeps, 'secretBox'>, sealed: string | null) {
  return sealed === null ? undefined : openCredentials(deps.secretBox, sealed);
}
