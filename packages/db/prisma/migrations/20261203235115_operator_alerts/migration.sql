-- CreateTable
CREATE TABLE "operator_alerts" (
    "id" SERIAL NOT NULL,
    "user_id" UUID,
    "bot_id" INTEGER,
    "kind" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "values" JSONB NOT NULL DEFAULT '{}',
    "open_key" TEXT,
    "source_event_id" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMP(3),
    "acknowledged_by" UUID,
    "resolved_at" TIMESTAMP(3),
    "resolved_by" UUID,

    CONSTRAINT "operator_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "operator_alerts_open_key_key" ON "operator_alerts"("open_key");

-- CreateIndex
CREATE UNIQUE INDEX "operator_alerts_source_event_id_key" ON "operator_alerts"("source_event_id");

-- CreateIndex
CREATE INDEX "operator_alerts_user_id_id_idx" ON "operator_alerts"("user_id", "id");
