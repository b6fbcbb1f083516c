import { errors } from '../binance/errors.ts';
import type { Params } from '../binance/params.ts';
import type { Exchange } from '../exchange.ts';
import type { ListedSymbol } from '../listed-symbol.ts';

/** The listed symbol named by the required `symbol` parameter (-1121 when not listed). */
export function requiredSymbol(exchange: Exchange, params: Params): ListedSymbol {
  const listed = exchange.symbols.get(params.requiredString('symbol'));
  if (listed === undefined) throw errors.invalidSymbol();
  return listed;
}

/** The symbols named by `symbol` or `symbols` (a JSON array), or all of them. */
export function selectedSymbols(exchange: Exchange, params: Params): ListedSymbol[] {
  const symbols = params.string('symbols');
  if (symbols === undefined) {
    return params.string('symbol') === undefined
      ? [...exchange.symbols.values()]
      : [requiredSymbol(exchange, params)];
  }
  let names: unknown;
  try {
    names = JSON.parse(symbols);
  } catch {
    throw errors.invalidValue('symbols');
  }
  if (!Array.isArray(names)) throw errors.invalidValue('symbols');
  return names.map((name) => {
    const listed = exchange.symbols.get(String(name));
    if (listed === undefined) throw errors.invalidSymbol();
    return listed;
  });
}

/** Whether the request names symbols (lighter weight) or asks for all of them. */
export function namesSymbols(params: Params): boolean {
  return params.string('symbol') !== undefined || params.string('symbols') !== undefined;
}
