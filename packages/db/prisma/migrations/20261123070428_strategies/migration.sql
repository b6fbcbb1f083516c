-- CreateTable
CREATE TABLE "strategies" (
    "id" SERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "algorithm" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "risk_level" TEXT NOT NULL,
    "tags" TEXT[],
    "timeframe" TEXT NOT NULL,
    "symbols" TEXT[],
    "bot_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "strategies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "strategy_runs" (
    "bot_id" INTEGER NOT NULL,
    "strategy_id" INTEGER NOT NULL,
    "started_by" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "strategy_runs_pkey" PRIMARY KEY ("bot_id")
);

-- CreateTable
CREATE TABLE "strategy_shares" (
    "strategy_id" INTEGER NOT NULL,
    "user_id" UUID NOT NULL,
    "permissions" TEXT[],
    "granted_by" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "strategy_shares_pkey" PRIMARY KEY ("strategy_id","user_id")
);

-- CreateTable
CREATE TABLE "strategy_events" (
    "id" BIGSERIAL NOT NULL,
    "strategy_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "strategy_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "strategies_bot_id_key" ON "strategies"("bot_id");

-- CreateIndex
CREATE INDEX "strategies_user_id_created_at_idx" ON "strategies"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "strategy_runs_strategy_id_created_at_idx" ON "strategy_runs"("strategy_id", "created_at");

-- CreateIndex
CREATE INDEX "strategy_shares_user_id_idx" ON "strategy_shares"("user_id");

-- CreateIndex
CREATE INDEX "strategy_events_strategy_id_created_at_idx" ON "strategy_events"("strategy_id", "created_at");

-- AddForeignKey
ALTER TABLE "strategies" ADD CONSTRAINT "strategies_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "strategies" ADD CONSTRAINT "strategies_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "strategy_runs" ADD CONSTRAINT "strategy_runs_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "strategy_runs" ADD CONSTRAINT "strategy_runs_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "strategy_shares" ADD CONSTRAINT "strategy_shares_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "strategy_shares" ADD CONSTRAINT "strategy_shares_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "strategy_events" ADD CONSTRAINT "strategy_events_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE CASCADE ON UPDATE CASCADE;
