import type { Market } from './market/market.ts';
import type { SymbolConfig } from './options.ts';

/** A listed pair: its configuration (filters) and its price history. */
export type ListedSymbol = { readonly config: SymbolConfig; readonly market: Market };
