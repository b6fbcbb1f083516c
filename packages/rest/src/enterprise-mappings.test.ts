import type { Bot, BotDetail, PerformanceRecord, StatsSummary } from '@tradewind/core';
import { describe, expect, it } from 'vitest';
import {
  toEnterpriseActiveBot,
  toEnterpriseBot,
  toEnterpriseBotDetail,
  toEnterprisePerformanceRecord,
  toEnterpriseStartedBot,
  toEnterpriseStats,
} from './enterprise-mappings.ts';

const bot: Bot = {
  id: 7,
  name: 'Alice bot',
  status: 'COMPLETED',
  mode: 'PAPER',
  strategy: 'MovingAverage',
  params: { fast: 3 },
  symbols: ['AAPL'],
  timeframe: '1m',
  feed: 'simulator',
  riskMode: 'balanced',
  initialCash: 10_000,
  currentCash: 11_250.5,
  finalCash: 11_250.5,
  equity: 11_250.5,
  totalTrades: 50,
  winningTrades: 35,
  totalPnl: 1_250.5,
  startTime: '2024-01-15T10:00:00.000Z',
  endTime: '2024-01-15T18:00:00.000Z',
  scheduledEndTime: null,
  errorMessage: null,
  createdAt: '2024-01-15T09:59:00.000Z',
};

describe('bot mappings', () => {
  it('maps a bot onto the seed list row, snake_case, and nothing else', () => {
    expect(toEnterpriseBot(bot)).toStrictEqual({
      id: 7,
      status: 'COMPLETED',
      mode: 'PAPER',
      start_time: '2024-01-15T10:00:00.000Z',
      end_time: '2024-01-15T18:00:00.000Z',
      initial_cash: 10_000,
      final_cash: 11_250.5,
      total_trades: 50,
      winning_trades: 35,
      total_pnl: 1_250.5,
      created_at: '2024-01-15T09:59:00.000Z',
    });
  });

  it('keeps only the fields the active and started shapes show', () => {
    expect(Object.keys(toEnterpriseActiveBot(bot)).sort()).toEqual(
      [
        'id',
        'status',
        'mode',
        'start_time',
        'initial_cash',
        'total_trades',
        'winning_trades',
        'total_pnl',
      ].sort(),
    );
    expect(toEnterpriseStartedBot({ ...bot, status: 'ACTIVE' })).toStrictEqual({
      id: 7,
      status: 'ACTIVE',
      mode: 'PAPER',
      start_time: '2024-01-15T10:00:00.000Z',
      initial_cash: 10_000,
    });
  });

  it('maps a bot detail with its trades, dropping fees, reasons, bar times, feeds and positions', () => {
    const detail: BotDetail = {
      ...bot,
      positions: [],
      trades: [
        {
          id: 1,
          botId: 7,
          symbol: 'AAPL',
          action: 'BUY',
          quantity: 10,
          price: 150.25,
          fee: 0.15,
          pnl: null,
          reason: 'signal',
          timestamp: '2024-01-15T10:05:00.000Z',
          barTime: '2024-01-15T10:04:00.000Z',
          feed: 'simulator',
        },
      ],
    };
    const mapped = toEnterpriseBotDetail(detail);
    expect(mapped.trades).toStrictEqual([
      {
        id: 1,
        symbol: 'AAPL',
        action: 'BUY',
        quantity: 10,
        price: 150.25,
        timestamp: '2024-01-15T10:05:00.000Z',
        pnl: null,
      },
    ]);
    expect(mapped).not.toHaveProperty('positions');
    expect(mapped).not.toHaveProperty('name');
  });
});

describe('performance and stats mappings', () => {
  it('maps a performance record field for field', () => {
    const record: PerformanceRecord = {
      id: 1,
      strategyName: 'MovingAverage',
      strategyType: 'TrendFollowing',
      executionType: 'PAPER_TRADING',
      sessionId: 7,
      symbols: ['AAPL', 'GOOGL'],
      startDate: '2024-01-15',
      endDate: '2024-01-16',
      initialCapital: 10_000,
      finalCapital: 11_250.5,
      totalReturn: 12.5,
      totalReturnDollar: 1_250.5,
      maxDrawdown: 5.2,
      sharpeRatio: 1.85,
      sortinoRatio: null,
      winRate: 70,
      totalTrades: 50,
      winningTrades: 35,
      losingTrades: 15,
      avgWin: 45.5,
      avgLoss: -25.3,
      profitFactor: 2.15,
      largestWin: 125,
      largestLoss: -50,
      createdAt: '2024-01-16T18:00:00.000Z',
    };
    expect(toEnterprisePerformanceRecord(record)).toStrictEqual({
      id: 1,
      strategy_name: 'MovingAverage',
      strategy_type: 'TrendFollowing',
      execution_type: 'PAPER_TRADING',
      session_id: 7,
      symbols: ['AAPL', 'GOOGL'],
      start_date: '2024-01-15',
      end_date: '2024-01-16',
      initial_capital: 10_000,
      final_capital: 11_250.5,
      total_return: 12.5,
      total_return_dollar: 1_250.5,
      max_drawdown: 5.2,
      sharpe_ratio: 1.85,
      sortino_ratio: null,
      win_rate: 70,
      total_trades: 50,
      winning_trades: 35,
      losing_trades: 15,
      avg_win: 45.5,
      avg_loss: -25.3,
      profit_factor: 2.15,
      largest_win: 125,
      largest_loss: -50,
      created_at: '2024-01-16T18:00:00.000Z',
    });
  });

  it('maps the stats summary', () => {
    const stats: StatsSummary = {
      totalBots: 10,
      activeBots: 1,
      totalTrades: 500,
      totalWinningTrades: 325,
      winRate: 65,
      totalPnl: 12_500.75,
      averageReturn: 12.5,
      averageWinRate: 65,
    };
    expect(toEnterpriseStats(stats)).toStrictEqual({
      total_bots: 10,
      active_bots: 1,
      total_trades: 500,
      total_winning_trades: 325,
      win_rate: 65,
      total_pnl: 12_500.75,
      average_return: 12.5,
      average_win_rate: 65,
    });
  });
});
