-- CreateTable
CREATE TABLE "bot_runners" (
    "owner" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bot_runners_pkey" PRIMARY KEY ("owner")
);

-- CreateIndex
CREATE INDEX "bot_runners_expires_at_idx" ON "bot_runners"("expires_at");
