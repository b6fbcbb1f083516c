-- AlterTable
ALTER TABLE "bots" ADD COLUMN     "account_id" UUID;

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "exchange" TEXT NOT NULL,
    "is_testnet" BOOLEAN NOT NULL DEFAULT false,
    "credentials_encrypted" TEXT,
    "keys_valid" BOOLEAN,
    "keys_checked_at" TIMESTAMP(3),
    "initial_balance" DECIMAL(20,8),
    "balances" JSONB NOT NULL DEFAULT '[]',
    "balance" DECIMAL(20,8),
    "equity" DECIMAL(20,8),
    "valuation_currency" TEXT,
    "valuation" JSONB,
    "last_sync_at" TIMESTAMP(3),
    "group_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_equity_snapshots" (
    "account_id" UUID NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "balance" DECIMAL(20,8) NOT NULL,
    "equity" DECIMAL(20,8) NOT NULL,

    CONSTRAINT "account_equity_snapshots_pkey" PRIMARY KEY ("account_id","time")
);

-- CreateIndex
CREATE INDEX "accounts_user_id_created_at_idx" ON "accounts"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "bots" ADD CONSTRAINT "bots_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_equity_snapshots" ADD CONSTRAINT "account_equity_snapshots_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
