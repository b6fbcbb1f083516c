-- CreateTable
CREATE TABLE "account_groups" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "max_drawdown" DECIMAL(10,4),
    "target_monthly_roi" DECIMAL(10,4),
    "risk_limit" DECIMAL(10,4),
    "halted_at" TIMESTAMP(3),
    "halt_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "account_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trade_executions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "group_id" UUID,
    "bot_id" INTEGER,
    "source" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "request" JSONB NOT NULL,
    "success_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "trade_executions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trade_execution_results" (
    "execution_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "client_order_id" TEXT NOT NULL,
    "order_id" TEXT,
    "quantity" DECIMAL(30,12),
    "filled" DECIMAL(30,12),
    "price" DECIMAL(30,12),
    "fee" DECIMAL(30,12),
    "fee_currency" TEXT,
    "take_profit_order_id" TEXT,
    "error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trade_execution_results_pkey" PRIMARY KEY ("execution_id","account_id")
);

-- CreateTable
CREATE TABLE "trading_positions" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "bot_id" INTEGER,
    "symbol" TEXT NOT NULL,
    "side" TEXT NOT NULL DEFAULT 'long',
    "quantity" DECIMAL(30,12) NOT NULL,
    "size" DECIMAL(30,12) NOT NULL,
    "entry_price" DECIMAL(30,12) NOT NULL,
    "exit_price" DECIMAL(30,12),
    "exit_value" DECIMAL(30,12) NOT NULL DEFAULT 0,
    "pnl" DECIMAL(30,12) NOT NULL DEFAULT 0,
    "fee" DECIMAL(30,12) NOT NULL DEFAULT 0,
    "opened_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "trading_positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bot_accounts" (
    "bot_id" INTEGER NOT NULL,
    "account_id" UUID NOT NULL,
    "connected_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bot_accounts_pkey" PRIMARY KEY ("bot_id","account_id")
);

-- CreateTable
CREATE TABLE "wallet_transfers" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "from_provider" TEXT NOT NULL,
    "to_provider" TEXT NOT NULL,
    "amount" DECIMAL(30,12) NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL DEFAULT 'manual_allocation',
    "correlation_id" UUID NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "wallet_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "account_groups_user_id_created_at_idx" ON "account_groups"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "account_groups_user_id_name_key" ON "account_groups"("user_id", "name");

-- CreateIndex
CREATE INDEX "trade_executions_user_id_created_at_idx" ON "trade_executions"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "trade_executions_user_id_idempotency_key_key" ON "trade_executions"("user_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "trading_positions_account_id_closed_at_idx" ON "trading_positions"("account_id", "closed_at");

-- CreateIndex
CREATE INDEX "bot_accounts_account_id_idx" ON "bot_accounts"("account_id");

-- CreateIndex
CREATE INDEX "wallet_transfers_user_id_created_at_idx" ON "wallet_transfers"("user_id", "created_at");

-- Group ids written before groups existed point nowhere: clear them so the key can be added.
UPDATE "accounts" SET "group_id" = NULL WHERE "group_id" IS NOT NULL;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "account_groups"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_groups" ADD CONSTRAINT "account_groups_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trade_execution_results" ADD CONSTRAINT "trade_execution_results_execution_id_fkey" FOREIGN KEY ("execution_id") REFERENCES "trade_executions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trading_positions" ADD CONSTRAINT "trading_positions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bot_accounts" ADD CONSTRAINT "bot_accounts_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bot_accounts" ADD CONSTRAINT "bot_accounts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
