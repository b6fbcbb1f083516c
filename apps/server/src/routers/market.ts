import {
  ZCandle,
  ZCandlesInput,
  ZMarketImportInput,
  ZMarketImportResult,
  ZMarketSeries,
  ZMarketSymbol,
  ZMarketSyncEvent,
  ZMarketSyncInput,
  zAsyncIterable,
} from '@tradewind/core';
import { z } from 'zod';
import {
  importCandles,
  listCandles,
  listSeries,
  listSymbols,
} from '../services/market-data/market-data.ts';
import { prepareSync, streamSync } from '../services/market-sync/market-sync.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'read' });

/** Stored market data: imported CSVs and synced exchange history, for replay and backtests. */
export const marketRouter = router({
  // Importing and syncing write market data, so they need more than reading bots.
  import: protectedProcedure
    .meta({ permission: 'bots:control', rateLimit: 'control' })
    .input(ZMarketImportInput)
    .output(ZMarketImportResult)
    .mutation(({ ctx, input }) => importCandles(ctx, ctx.principal, input)),
  /**
   * Pages an exchange's history into the candles table, streaming progress. A subscription,
   * not a job: the sync runs while someone watches it, and an interrupted one (client gone,
   * server stopped) simply resumes from the last stored bar when run again.
   */
  sync: protectedProcedure
    .meta({ permission: 'bots:control', rateLimit: 'control' })
    .input(ZMarketSyncInput)
    .output(zAsyncIterable(ZMarketSyncEvent))
    .subscription(async ({ ctx, input, signal }) => {
      // Checked before streaming, so a refusal is the procedure's error on every transport.
      const plan = await prepareSync(ctx, input);
      const stop = AbortSignal.any([ctx.shutdownSignal, ...(signal ? [signal] : [])]);
      return streamSync(ctx, plan, stop);
    }),
  candles: readProcedure
    .input(ZCandlesInput)
    .output(z.array(ZCandle))
    .query(({ ctx, input }) => listCandles(ctx, ctx.principal, input)),
  symbols: readProcedure
    .output(z.array(ZMarketSymbol))
    .query(({ ctx }) => listSymbols(ctx, ctx.principal)),
  /** What is stored: venue, symbol, timeframe, range and count, yours and shared. */
  list: readProcedure
    .output(z.array(ZMarketSeries))
    .query(({ ctx }) => listSeries(ctx, ctx.principal)),
});
