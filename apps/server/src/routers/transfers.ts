import {
  ZTransferCreated,
  ZTransferCreateInput,
  ZTransferList,
  ZTransferListInput,
  ZTransferStatusInput,
  ZTransferUpdated,
} from '@tradewind/core';
import {
  listTransfers,
  requestTransfer,
  updateTransferStatus,
} from '../services/transfers/wallet-transfers.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const writeProcedure = protectedProcedure.meta({
  permission: 'accounts:write',
  rateLimit: 'control',
});

/** Wallet transfers (seed 003): recorded requests; Tradewind never moves funds itself. */
export const transfersRouter = router({
  list: protectedProcedure
    .meta({ permission: 'accounts:read', rateLimit: 'read' })
    .input(ZTransferListInput.default({ limit: 100 }))
    .output(ZTransferList)
    .query(({ ctx, input }) => listTransfers(ctx, ctx.principal, input)),
  create: writeProcedure
    .input(ZTransferCreateInput)
    .output(ZTransferCreated)
    .mutation(({ ctx, input }) => requestTransfer(ctx, ctx.meta, ctx.principal, input)),
  updateStatus: writeProcedure
    .input(ZTransferStatusInput)
    .output(ZTransferUpdated)
    .mutation(({ ctx, input }) => updateTransferStatus(ctx, ctx.meta, ctx.principal, input)),
});
