import type { Instrument } from '@tradewind/engine';
import { instrumentsOf } from '@tradewind/venues';
import type { BacktestJobSpec } from '../../runtime/backtests/backtest-job-spec.ts';
import type { ServiceDeps } from '../../service-deps.ts';
import { marketDataFor } from '../../venues/market-data-for.ts';
import { IMPORT_VENUE } from '../market-data/market-data.ts';

/**
 * The trading rules a job's fills keep to: on an exchange's stored candles, that market's own
 * (step, minimum quantity and notional), read from the exchange as a paper bot on the same feed
 * reads them; null on imported candles, the simulator and a CSV (any quantity trades).
 *
 * @throws DomainError `PROVIDER_ERROR` when the exchange cannot be reached.
 */
export async function backtestInstruments(
  deps: Pick<ServiceDeps, 'db' | 'market' | 'venues' | 'now'>,
  data: BacktestJobSpec['data'],
): Promise<Record<string, Instrument> | null> {
  if (data.source !== 'candles' || (data.venue ?? IMPORT_VENUE) === IMPORT_VENUE) return null;
  return instrumentsOf(marketDataFor(deps, data.venue as string), data.symbols);
}
