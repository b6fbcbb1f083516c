-- CreateEnum
CREATE TYPE "BotStatus" AS ENUM ('CREATED', 'ACTIVE', 'PAUSED', 'STOPPING', 'COMPLETED', 'ERROR');

-- CreateEnum
CREATE TYPE "BotMode" AS ENUM ('PAPER', 'LIVE');

-- CreateTable
CREATE TABLE "bots" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "status" "BotStatus" NOT NULL DEFAULT 'CREATED',
    "mode" "BotMode" NOT NULL DEFAULT 'PAPER',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bots_status_idx" ON "bots"("status");
