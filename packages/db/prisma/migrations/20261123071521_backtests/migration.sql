-- CreateEnum
CREATE TYPE "BacktestStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "backtests" (
    "id" SERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "BacktestStatus" NOT NULL DEFAULT 'QUEUED',
    "request" JSONB NOT NULL,
    "csv" TEXT,
    "bars_done" INTEGER NOT NULL DEFAULT 0,
    "total_bars" INTEGER NOT NULL DEFAULT 0,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "worker_id" TEXT,
    "heartbeat_at" TIMESTAMP(3),
    "metrics" JSONB,
    "result" JSONB,
    "performance_record_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "backtests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "backtests_performance_record_id_key" ON "backtests"("performance_record_id");

-- CreateIndex
CREATE INDEX "backtests_user_id_created_at_idx" ON "backtests"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "backtests_status_created_at_idx" ON "backtests"("status", "created_at");

-- AddForeignKey
ALTER TABLE "backtests" ADD CONSTRAINT "backtests_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backtests" ADD CONSTRAINT "backtests_performance_record_id_fkey" FOREIGN KEY ("performance_record_id") REFERENCES "performance_records"("id") ON DELETE SET NULL ON UPDATE CASCADE;
