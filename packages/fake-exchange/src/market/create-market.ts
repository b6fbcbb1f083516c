import { readFileSync } from 'node:fs';
import { parseOhlcv } from '@tradewind/engine';
import type { SymbolConfig } from '../options.ts';
import { csvReplay } from './csv-replay.ts';
import type { Market } from './market.ts';
import { seededWalk } from './seeded-walk.ts';

/** The symbol's market: a replay of its CSV file when it names one, else the seeded walk. */
export function createMarket(config: SymbolConfig, seed: number): Market {
  if (config.csv !== undefined) {
    return csvReplay(parseOhlcv(readFileSync(config.csv, 'utf8')), config.csvShiftTo);
  }
  return seededWalk({
    seed,
    symbol: config.symbol,
    price: config.price,
    volatility: config.volatility,
    tickSize: config.tickSize,
    stepSize: config.stepSize,
    volumePerMinute: config.volumePerMinute,
  });
}
