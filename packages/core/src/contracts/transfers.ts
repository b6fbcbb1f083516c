import { z } from 'zod';
import { ZExchangeId } from './accounts.ts';
import { zSafeString } from './safe-string.ts';

/**
 * Wallet transfers (seed 003 `/api/wallet/transfer(s)`), camelCase as tRPC speaks. Tradewind
 * never moves funds between exchanges itself: a request is recorded `pending` and its owner
 * (or an admin) records what became of it.
 */

export const TRANSFER_STATUSES = ['pending', 'completed', 'failed', 'cancelled'] as const;

/** Seed 003's message on every new transfer. */
export const TRANSFER_RECORDED_MESSAGE =
  'Transfer recorded. Manual action required for real exchange transfer.';

const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,12}$/, 'must be a currency code such as ZAR or USDT');

export const ZTransferCreateInput = z
  .object({
    fromProvider: ZExchangeId,
    toProvider: ZExchangeId,
    amount: z.number().positive('must be greater than 0').max(1e15, 'must be at most 1e15'),
    currency: ZCurrency,
    reason: zSafeString()
      .trim()
      .min(1, 'is empty')
      .max(200, 'must be at most 200 characters')
      .default('manual_allocation'),
  })
  .strict()
  .refine((input) => input.fromProvider !== input.toProvider, {
    path: ['toProvider'],
    message: 'must differ from fromProvider',
  });
export type TransferCreateInput = z.input<typeof ZTransferCreateInput>;

export const ZTransferListInput = z
  .object({
    status: z.enum(TRANSFER_STATUSES).optional(),
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(100),
  })
  .strict();
export type TransferListInput = z.input<typeof ZTransferListInput>;

export const ZTransferStatusInput = z
  .object({
    id: z.uuid('must be a transfer id'),
    status: z.enum(TRANSFER_STATUSES),
    note: zSafeString().trim().max(500, 'must be at most 500 characters').optional(),
  })
  .strict();
export type TransferStatusInput = z.input<typeof ZTransferStatusInput>;

export const ZTransfer = z.object({
  id: z.uuid(),
  fromProvider: z.string(),
  toProvider: z.string(),
  amount: z.number(),
  currency: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  reason: z.string(),
  correlationId: z.uuid(),
  note: z.string().nullable(),
  /** When it was requested (seed 003's `timestamp`). */
  timestamp: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Transfer = z.infer<typeof ZTransfer>;

export const ZTransferList = z.object({ success: z.literal(true), transfers: z.array(ZTransfer) });

export const ZTransferCreated = z.object({
  success: z.literal(true),
  transfer: z.object({
    id: z.uuid(),
    status: z.literal('pending'),
    message: z.string(),
    correlationId: z.uuid(),
  }),
});

export const ZTransferUpdated = z.object({ success: z.literal(true), transfer: ZTransfer });
