import {
  type AuthenticatedPrincipal,
  DomainError,
  PAPER_EXCHANGE,
  TRANSFER_RECORDED_MESSAGE,
  type Transfer,
  type ZTransferCreateInput,
  type ZTransferListInput,
  type ZTransferStatusInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { knownExchange } from '../accounts/exchange-calls.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';

type TransferDeps = Pick<ServiceDeps, 'db' | 'venues'>;
type TransferRow = Prisma.WalletTransferGetPayload<true>;

function toTransfer(row: TransferRow): Transfer {
  return {
    id: row.id,
    fromProvider: row.fromProvider,
    toProvider: row.toProvider,
    amount: row.amount.toNumber(),
    currency: row.currency,
    status: row.status as Transfer['status'],
    reason: row.reason,
    correlationId: row.correlationId,
    note: row.note,
    timestamp: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A provider Tradewind lists (an exchange or paper), or VALIDATION_ERROR naming `field`. */
function checkProvider(deps: TransferDeps, field: string, id: string): void {
  if (id === PAPER_EXCHANGE) return;
  try {
    knownExchange(deps.venues, id);
  } catch {
    const known = [...deps.venues.knownExchanges().map((exchange) => exchange.id), PAPER_EXCHANGE];
    throw new DomainError(
      'VALIDATION_ERROR',
      `${field}: unknown provider "${id}"; known: ${known.join(', ')}`,
      { field },
    );
  }
}

/** Seed 003 `POST /api/wallet/transfer`: recorded `pending`; nothing is moved. */
export async function requestTransfer(
  deps: TransferDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZTransferCreateInput>,
) {
  checkProvider(deps, 'fromProvider', input.fromProvider);
  checkProvider(deps, 'toProvider', input.toProvider);
  const row = await deps.db.prisma.$transaction(async (tx) => {
    const created = await tx.walletTransfer.create({
      data: { userId: principal.userId, ...input },
    });
    await recordAudit(tx, meta, {
      action: 'wallet.transfer_requested',
      actorUserId: principal.userId,
      targetType: 'wallet_transfer',
      targetId: created.id,
      metadata: {
        fromProvider: input.fromProvider,
        toProvider: input.toProvider,
        amount: input.amount,
        currency: input.currency,
      },
    });
    return created;
  });
  return {
    success: true as const,
    transfer: {
      id: row.id,
      status: 'pending' as const,
      message: TRANSFER_RECORDED_MESSAGE,
      correlationId: row.correlationId,
    },
  };
}

/** Seed 003 `GET /api/wallet/transfers`: the caller's transfers, newest first. */
export async function listTransfers(
  deps: Pick<TransferDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZTransferListInput>,
) {
  const rows = await deps.db.prisma.walletTransfer.findMany({
    where: { userId: principal.userId, ...(input.status && { status: input.status }) },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: input.limit,
  });
  return { success: true as const, transfers: rows.map(toTransfer) };
}

/** Admins (outside the enterprise surface) may record the outcome of anyone's transfer. */
function isAdmin(principal: AuthenticatedPrincipal): boolean {
  return principal.role === 'admin' && principal.ownResourcesOnly !== true;
}

/**
 * Records what became of a transfer (done by hand on the exchanges): by its owner or an
 * admin, audited with the old and new status. Someone else's transfer answers NOT_FOUND.
 */
export async function updateTransferStatus(
  deps: Pick<TransferDeps, 'db'>,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZTransferStatusInput>,
) {
  const row = await deps.db.prisma.$transaction(async (tx) => {
    const current = await tx.walletTransfer.findFirst({
      where: { id: input.id, ...(!isAdmin(principal) && { userId: principal.userId }) },
    });
    if (current === null) {
      throw new DomainError('NOT_FOUND', `Transfer ${input.id} not found`, { id: input.id });
    }
    const updated = await tx.walletTransfer.update({
      where: { id: input.id },
      data: { status: input.status, ...(input.note !== undefined && { note: input.note }) },
    });
    await recordAudit(tx, meta, {
      action: 'wallet.transfer_status_changed',
      actorUserId: principal.userId,
      targetType: 'wallet_transfer',
      targetId: input.id,
      metadata: { from: current.status, to: input.status, ownerUserId: current.userId },
    });
    return updated;
  });
  return { success: true as const, transfer: toTransfer(row) };
}
