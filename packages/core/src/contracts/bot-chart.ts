import { z } from 'zod';
import { ZSymbol, ZTimeframe } from './bots.ts';
import { zId } from './id.ts';

/** `bots.chart`: the bars a bot traded on and its equity, for a chart. */
export const ZBotChartInput = z
  .object({
    botId: zId('a bot id'),
    /** One of the bot's symbols; default its first. */
    symbol: ZSymbol.optional(),
    /** The most recent bars (and equity points) to return. */
    limit: z.number().int().min(10).max(5_000).default(500),
  })
  .strict();
export type BotChartInput = z.input<typeof ZBotChartInput>;

/** A bar the bot saw; `time` is its open (the simulated time on the simulator feed). */
export const ZChartBar = z.object({
  time: z.iso.datetime(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
});

export const ZBotChart = z.object({
  botId: z.number().int(),
  symbol: z.string(),
  timeframe: ZTimeframe,
  /** Oldest first: from the bot's first processed bar to its last. */
  candles: z.array(ZChartBar),
  /** The bot's equity after each processed bar, oldest first (money at the ledger's 8 places). */
  equity: z.array(z.object({ time: z.iso.datetime(), equity: z.number() })),
});
export type BotChart = z.infer<typeof ZBotChart>;
