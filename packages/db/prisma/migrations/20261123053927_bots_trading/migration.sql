-- CreateEnum
CREATE TYPE "TradeAction" AS ENUM ('BUY', 'SELL');

-- CreateEnum
CREATE TYPE "ExecutionType" AS ENUM ('PAPER_TRADING', 'LIVE_TRADING', 'BACKTEST');

-- AlterTable
ALTER TABLE "bots" ADD COLUMN     "current_cash" DECIMAL(20,8) NOT NULL,
ADD COLUMN     "end_time" TIMESTAMP(3),
ADD COLUMN     "error_message" TEXT,
ADD COLUMN     "fill_sequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "final_cash" DECIMAL(20,8),
ADD COLUMN     "initial_cash" DECIMAL(20,8) NOT NULL,
ADD COLUMN     "last_bar_time" TIMESTAMP(3),
ADD COLUMN     "lease_expires_at" TIMESTAMP(3),
ADD COLUMN     "lease_owner" TEXT,
ADD COLUMN     "params" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "peak_equity" DECIMAL(20,8),
ADD COLUMN     "risk" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "risk_mode" TEXT NOT NULL DEFAULT 'balanced',
ADD COLUMN     "scheduled_end_time" TIMESTAMP(3),
ADD COLUMN     "start_time" TIMESTAMP(3),
ADD COLUMN     "strategy" TEXT NOT NULL,
ADD COLUMN     "symbols" TEXT[],
ADD COLUMN     "timeframe" TEXT NOT NULL DEFAULT '1m',
ADD COLUMN     "total_pnl" DECIMAL(20,8) NOT NULL DEFAULT 0,
ADD COLUMN     "total_trades" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "user_id" UUID NOT NULL,
ADD COLUMN     "winning_trades" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "trades" (
    "id" SERIAL NOT NULL,
    "bot_id" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "action" "TradeAction" NOT NULL,
    "quantity" DECIMAL(20,8) NOT NULL,
    "price" DECIMAL(20,8) NOT NULL,
    "fee" DECIMAL(20,8) NOT NULL,
    "pnl" DECIMAL(20,8),
    "reason" TEXT NOT NULL DEFAULT 'signal',
    "bar_time" TIMESTAMP(3) NOT NULL,
    "executed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "positions" (
    "id" SERIAL NOT NULL,
    "bot_id" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "quantity" DECIMAL(20,8) NOT NULL,
    "average_price" DECIMAL(20,8) NOT NULL,
    "last_price" DECIMAL(20,8) NOT NULL,
    "realized_pnl" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "opened_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "equity_snapshots" (
    "bot_id" INTEGER NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "equity" DECIMAL(20,8) NOT NULL,

    CONSTRAINT "equity_snapshots_pkey" PRIMARY KEY ("bot_id","time")
);

-- CreateTable
CREATE TABLE "candles" (
    "symbol" TEXT NOT NULL,
    "timeframe" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "open" DOUBLE PRECISION NOT NULL,
    "high" DOUBLE PRECISION NOT NULL,
    "low" DOUBLE PRECISION NOT NULL,
    "close" DOUBLE PRECISION NOT NULL,
    "volume" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'simulator',

    CONSTRAINT "candles_pkey" PRIMARY KEY ("symbol","timeframe","time")
);

-- CreateTable
CREATE TABLE "performance_records" (
    "id" SERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "bot_id" INTEGER,
    "strategy_name" TEXT NOT NULL,
    "strategy_type" TEXT NOT NULL,
    "execution_type" "ExecutionType" NOT NULL,
    "symbols" TEXT[],
    "start_date" TIMESTAMP(3) NOT NULL,
    "end_date" TIMESTAMP(3) NOT NULL,
    "initial_capital" DECIMAL(20,8) NOT NULL,
    "final_capital" DECIMAL(20,8) NOT NULL,
    "total_return" DOUBLE PRECISION NOT NULL,
    "total_return_dollar" DECIMAL(20,8) NOT NULL,
    "max_drawdown" DOUBLE PRECISION NOT NULL,
    "sharpe_ratio" DOUBLE PRECISION,
    "sortino_ratio" DOUBLE PRECISION,
    "win_rate" DOUBLE PRECISION NOT NULL,
    "total_trades" INTEGER NOT NULL,
    "winning_trades" INTEGER NOT NULL,
    "losing_trades" INTEGER NOT NULL,
    "avg_win" DOUBLE PRECISION NOT NULL,
    "avg_loss" DOUBLE PRECISION NOT NULL,
    "profit_factor" DOUBLE PRECISION,
    "largest_win" DOUBLE PRECISION NOT NULL,
    "largest_loss" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "performance_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "bot_id" INTEGER,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "trades_bot_id_executed_at_idx" ON "trades"("bot_id", "executed_at");

-- CreateIndex
CREATE UNIQUE INDEX "trades_bot_id_sequence_key" ON "trades"("bot_id", "sequence");

-- CreateIndex
CREATE INDEX "positions_bot_id_closed_at_idx" ON "positions"("bot_id", "closed_at");

-- CreateIndex
CREATE INDEX "performance_records_user_id_created_at_idx" ON "performance_records"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "outbox_events_user_id_id_idx" ON "outbox_events"("user_id", "id");

-- CreateIndex
CREATE INDEX "bots_user_id_status_idx" ON "bots"("user_id", "status");

-- CreateIndex
CREATE INDEX "bots_status_lease_expires_at_idx" ON "bots"("status", "lease_expires_at");

-- AddForeignKey
ALTER TABLE "bots" ADD CONSTRAINT "bots_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trades" ADD CONSTRAINT "trades_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "equity_snapshots" ADD CONSTRAINT "equity_snapshots_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "performance_records" ADD CONSTRAINT "performance_records_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "performance_records" ADD CONSTRAINT "performance_records_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE SET NULL ON UPDATE CASCADE;
