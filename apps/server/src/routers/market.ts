import {
  ZCandle,
  ZCandlesInput,
  ZMarketImportInput,
  ZMarketImportResult,
  ZMarketSymbol,
} from '@tradewind/core';
import { z } from 'zod';
import { importCandles, listCandles, listSymbols } from '../services/market-data.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

/** Stored market data: imported CSVs for replay and backtests. */
export const marketRouter = router({
  // Importing writes shared market data, so it needs more than reading bots.
  import: protectedProcedure
    .meta({ permission: 'bots:control', rateLimit: 'control' })
    .input(ZMarketImportInput)
    .output(ZMarketImportResult)
    .mutation(({ ctx, input }) => importCandles(ctx, input)),
  candles: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'read' })
    .input(ZCandlesInput)
    .output(z.array(ZCandle))
    .query(({ ctx, input }) => listCandles(ctx, input)),
  symbols: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'read' })
    .output(z.array(ZMarketSymbol))
    .query(({ ctx }) => listSymbols(ctx)),
});
