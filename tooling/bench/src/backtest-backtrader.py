"""The backtrader side of the CSV backtest benchmark (backtest-cli.ts).

backtrader is not part of this repository: the benchmark runs this script with PYTHONPATH set to a
checkout of its public source (github.com/mementum/backtrader, pure Python, no install), taken from
the BACKTRADER_PATH environment variable.

The same model as `tradewind backtest run --strategy MovingAverage --param fast=FAST --param
slow=SLOW --size QUANTITY --cash CASH --commission COMMISSION --slippage 0`: SMA(FAST) crossing
SMA(SLOW) (backtrader's own SMA and CrossOver indicators), buy QUANTITY when flat on a cross up,
close on a cross down, market orders filling at the next bar's open, commission on notional.
Cerebro runs without its default observers (stdstats=False), the lightest way to run it.

Usage: python3 backtest-backtrader.py FILE.csv FAST SLOW QUANTITY CASH COMMISSION
  -> prints {"final_equity", "total_trades"}
"""

import json
import sys

import backtrader as bt


class SmaCross(bt.Strategy):
    params = dict(fast=10, slow=30, quantity=100)

    def __init__(self):
        fast = bt.ind.SMA(self.data.close, period=self.p.fast)
        slow = bt.ind.SMA(self.data.close, period=self.p.slow)
        self.crossover = bt.ind.CrossOver(fast, slow)
        self.closed_trades = 0

    def notify_trade(self, trade):
        if trade.isclosed:
            self.closed_trades += 1

    def next(self):
        if not self.position:
            if self.crossover > 0:
                self.buy(size=self.p.quantity)
        elif self.crossover < 0:
            self.close()


def main():
    path, fast, slow, quantity, cash, commission = sys.argv[1:7]
    cerebro = bt.Cerebro(stdstats=False)
    cerebro.adddata(
        bt.feeds.GenericCSVData(
            dataname=path,
            dtformat="%Y-%m-%d",
            datetime=0,
            time=-1,
            open=1,
            high=2,
            low=3,
            close=4,
            volume=5,
            openinterest=-1,
        )
    )
    cerebro.addstrategy(SmaCross, fast=int(fast), slow=int(slow), quantity=float(quantity))
    cerebro.broker.setcash(float(cash))
    cerebro.broker.setcommission(commission=float(commission))
    strategy = cerebro.run()[0]
    print(
        json.dumps(
            {"final_equity": cerebro.broker.getvalue(), "total_trades": strategy.closed_trades}
        )
    )


if __name__ == "__main__":
    main()
