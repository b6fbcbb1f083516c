import { z } from 'zod';
import { ZTrade } from './bots.ts';
import { zId } from './id.ts';

/** The caller's fills, newest first; one bot's when `botId` is given. */
export const ZTradeListInput = z
  .object({
    botId: zId('a bot id').optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .default({ limit: 100, offset: 0 });
export type TradeListInput = z.input<typeof ZTradeListInput>;

export const ZTradeList = z.object({
  trades: z.array(ZTrade),
  /** How many fills match, across all pages. */
  total: z.number().int(),
});
export type TradeList = z.infer<typeof ZTradeList>;
