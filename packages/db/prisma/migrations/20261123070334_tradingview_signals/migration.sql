-- CreateEnum
CREATE TYPE "TradingViewSignalStatus" AS ENUM ('PROCESSING', 'EXECUTED', 'PARTIAL', 'FAILED', 'REJECTED', 'DUPLICATE');

-- CreateTable
CREATE TABLE "tradingview_tokens" (
    "user_id" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "tradingview_tokens_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "tradingview_signals" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "TradingViewSignalStatus" NOT NULL,
    "http_status" INTEGER NOT NULL,
    "bot_name" TEXT,
    "symbol" TEXT,
    "side" TEXT,
    "bot_ids" INTEGER[],
    "payload" JSONB,
    "reason" TEXT,
    "dedupe_key" TEXT,
    "duplicate_of" UUID,
    "results" JSONB NOT NULL DEFAULT '[]',
    "source_ip" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "tradingview_signals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tradingview_tokens_prefix_key" ON "tradingview_tokens"("prefix");

-- CreateIndex
CREATE INDEX "tradingview_signals_user_id_received_at_idx" ON "tradingview_signals"("user_id", "received_at");

-- CreateIndex
CREATE INDEX "tradingview_signals_user_id_dedupe_key_received_at_idx" ON "tradingview_signals"("user_id", "dedupe_key", "received_at");

-- AddForeignKey
ALTER TABLE "tradingview_tokens" ADD CONSTRAINT "tradingview_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tradingview_signals" ADD CONSTRAINT "tradingview_signals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
