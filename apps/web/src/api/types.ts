import type { AppRouter } from '@tradewind/server/router';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };
/** Every procedure's input, by path: `Inputs['bots']['create']`. */
export type Inputs = inferRouterInputs<AppRouter>;
/** Every procedure's output, by path. */
export type TradewindOutputs = inferRouterOutputs<AppRouter>;
