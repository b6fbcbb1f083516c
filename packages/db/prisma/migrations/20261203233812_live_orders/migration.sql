-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED');

-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "max_open_exposure" DECIMAL(20,8),
ADD COLUMN     "max_order_notional" DECIMAL(20,8);

-- AlterTable
ALTER TABLE "bots" ADD COLUMN     "order_sequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "restart_policy" TEXT NOT NULL DEFAULT 'resume';

-- CreateTable
CREATE TABLE "orders" (
    "id" SERIAL NOT NULL,
    "bot_id" INTEGER NOT NULL,
    "account_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "client_order_id" TEXT NOT NULL,
    "exchange_order_id" TEXT,
    "symbol" TEXT NOT NULL,
    "side" "TradeAction" NOT NULL,
    "type" TEXT NOT NULL,
    "quantity" DECIMAL(20,8) NOT NULL,
    "price" DECIMAL(20,8),
    "filled" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "status" "OrderStatus" NOT NULL DEFAULT 'NEW',
    "reason" TEXT NOT NULL DEFAULT 'signal',
    "error" TEXT,
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_fills" (
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "bot_id" INTEGER NOT NULL,
    "account_id" UUID NOT NULL,
    "exchange_fill_id" TEXT NOT NULL,
    "quantity" DECIMAL(20,8) NOT NULL,
    "price" DECIMAL(20,8) NOT NULL,
    "fee" DECIMAL(20,8) NOT NULL,
    "fee_currency" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "trade_sequence" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_fills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconcile_reports" (
    "id" SERIAL NOT NULL,
    "bot_id" INTEGER NOT NULL,
    "owner" TEXT NOT NULL,
    "report" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconcile_reports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "orders_bot_id_status_idx" ON "orders"("bot_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "orders_bot_id_sequence_key" ON "orders"("bot_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "orders_account_id_client_order_id_key" ON "orders"("account_id", "client_order_id");

-- CreateIndex
CREATE INDEX "order_fills_bot_id_trade_sequence_idx" ON "order_fills"("bot_id", "trade_sequence");

-- CreateIndex
CREATE UNIQUE INDEX "order_fills_account_id_exchange_fill_id_key" ON "order_fills"("account_id", "exchange_fill_id");

-- CreateIndex
CREATE INDEX "reconcile_reports_bot_id_created_at_idx" ON "reconcile_reports"("bot_id", "created_at");

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_fills" ADD CONSTRAINT "order_fills_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reconcile_reports" ADD CONSTRAINT "reconcile_reports_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;
