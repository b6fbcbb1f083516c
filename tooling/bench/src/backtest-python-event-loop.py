"""A minimal event-driven backtest loop in Python, for the CLI benchmark (backtest-cli.ts).

Not backtrader (measured beside it by backtest-backtrader.py): the smallest honest event-driven
Python engine, to show what an event loop costs in Python without a framework: bars as
objects, a strategy object told each bar, SMA indicators recomputed over their window each bar
(as backtrader's SMA does), a broker object with an order queue filling at the next open with
commission and a cash check, equity recorded every bar and closed round trips counted. It does
far less per bar than backtrader (no line buffers, observers or analyzers).

Usage: python3 backtest-python-event-loop.py FILE.csv [CASH]  ->  prints {"final_equity", "total_trades"}
Same model as `tradewind backtest run --strategy MovingAverage --param fast=10 --param slow=30
--size 100 --commission 0.001 --cash CASH` (default 10000): decide on the close, fill at the next open.
"""

import csv
import json
import sys
from collections import deque
from datetime import datetime


class Bar:
    __slots__ = ("time", "open", "high", "low", "close", "volume")

    def __init__(self, time, open_, high, low, close, volume):
        self.time = time
        self.open = open_
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume


def read_bars(path):
    with open(path, newline="") as handle:
        rows = csv.reader(handle)
        header = [name.strip().lower() for name in next(rows)]
        column = {name: index for index, name in enumerate(header)}
        bars = []
        for row in rows:
            if not row:
                continue
            stamp = row[column["date"]]
            if "time" in column:
                stamp += " " + row[column["time"]]
                time = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
            else:
                time = datetime.strptime(stamp, "%Y-%m-%d")
            bars.append(
                Bar(
                    time,
                    float(row[column["open"]]),
                    float(row[column["high"]]),
                    float(row[column["low"]]),
                    float(row[column["close"]]),
                    float(row[column["volume"]]),
                )
            )
        return bars


class SMA:
    def __init__(self, period):
        self.period = period
        self.window = deque(maxlen=period)
        self.value = None

    def update(self, value):
        self.window.append(value)
        if len(self.window) == self.period:
            self.value = sum(self.window) / self.period
        return self.value


class Broker:
    def __init__(self, cash, commission):
        self.cash = cash
        self.commission = commission
        self.position = 0
        self.pending = []
        self.fills = []
        self.closed_trades = 0
        self.last_close = None

    def submit(self, side, quantity):
        self.pending.append((side, quantity))

    def on_bar(self, bar):
        orders, self.pending = self.pending, []
        for side, quantity in orders:
            notional = quantity * bar.open
            fee = notional * self.commission
            if side == "BUY":
                if notional + fee > self.cash:
                    continue
                self.cash -= notional + fee
                self.position += quantity
            else:
                self.cash += notional - fee
                self.position -= quantity
                if self.position == 0:
                    self.closed_trades += 1
            self.fills.append((bar.time, side, quantity, bar.open, fee))
        self.last_close = bar.close

    def equity(self):
        return self.cash + self.position * self.last_close


class MovingAverageCross:
    def __init__(self, broker, fast, slow, quantity):
        self.broker = broker
        self.fast = SMA(fast)
        self.slow = SMA(slow)
        self.quantity = quantity
        self.previous = None

    def on_bar(self, bar):
        fast = self.fast.update(bar.close)
        slow = self.slow.update(bar.close)
        current = None if fast is None or slow is None else (fast, slow)
        previous = self.previous
        self.previous = current
        if current is None or previous is None or self.broker.pending:
            return
        if fast > slow and previous[0] <= previous[1] and self.broker.position == 0:
            self.broker.submit("BUY", self.quantity)
        elif fast < slow and previous[0] >= previous[1] and self.broker.position > 0:
            self.broker.submit("SELL", self.broker.position)


def main(path, cash):
    bars = read_bars(path)
    broker = Broker(cash=cash, commission=0.001)
    strategy = MovingAverageCross(broker, fast=10, slow=30, quantity=100)
    equity = []
    for bar in bars:
        broker.on_bar(bar)
        strategy.on_bar(bar)
        equity.append(broker.equity())
    print(json.dumps({"final_equity": equity[-1], "total_trades": broker.closed_trades}))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 10_000.0)
