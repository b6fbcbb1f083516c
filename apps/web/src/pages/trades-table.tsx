import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TradewindOutputs } from '../api/types.ts';
import { formatMoney, formatTime, pnlClass } from '../ui/format.ts';

type Trade = TradewindOutputs['trades']['list']['trades'][number];

const COLUMNS = ['Time', 'Bot', 'Symbol', 'Side', 'Quantity', 'Price', 'Fee', 'P&L'] as const;
const GRID = 'grid grid-cols-[11rem_3rem_6rem_3.5rem_5rem_6rem_5rem_6rem] gap-2 px-2';
const ROW_HEIGHT = 32;

/**
 * Trades as a table that renders only the rows in view, so ten thousand of them scroll as
 * smoothly as ten (ARIA table roles keep it a table for assistive technology).
 */
export function TradesTable({
  trades,
  height = 400,
}: {
  trades: readonly Trade[];
  height?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: trades.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div
      role="table"
      aria-label="Trades"
      aria-rowcount={trades.length + 1}
      className="overflow-x-auto text-sm"
    >
      <div role="row" className={`${GRID} border-b border-line py-1 font-medium text-muted`}>
        {COLUMNS.map((column) => (
          <span role="columnheader" key={column}>
            {column}
          </span>
        ))}
      </div>
      <div
        ref={scroller}
        style={{ height: Math.min(height, trades.length * ROW_HEIGHT + 2) }}
        className="overflow-y-auto"
      >
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((item) => {
            const trade = trades[item.index];
            if (!trade) return null;
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={trade.id}
                className={`${GRID} absolute inset-x-0 items-center border-b border-line`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell">{formatTime(trade.timestamp)}</span>
                <span role="cell">{trade.botId}</span>
                <span role="cell">{trade.symbol}</span>
                <span role="cell" className={trade.action === 'BUY' ? 'text-gain' : 'text-loss'}>
                  {trade.action}
                </span>
                <span role="cell">{trade.quantity}</span>
                <span role="cell">{formatMoney(trade.price)}</span>
                <span role="cell">{formatMoney(trade.fee)}</span>
                <span role="cell" className={pnlClass(trade.pnl)}>
                  {formatMoney(trade.pnl)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
