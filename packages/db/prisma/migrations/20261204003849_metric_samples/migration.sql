-- CreateTable
CREATE TABLE "metric_samples" (
    "id" SERIAL NOT NULL,
    "sampled_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "process" TEXT NOT NULL,
    "cpu_usage" DOUBLE PRECISION,
    "memory_usage" DOUBLE PRECISION NOT NULL,
    "event_loop_lag_ms" DOUBLE PRECISION NOT NULL,
    "uptime_seconds" INTEGER NOT NULL,

    CONSTRAINT "metric_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "metric_samples_sampled_at_idx" ON "metric_samples"("sampled_at");
