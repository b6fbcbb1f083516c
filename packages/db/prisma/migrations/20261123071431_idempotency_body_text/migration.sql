-- AlterTable
ALTER TABLE "idempotency_keys" ALTER COLUMN "body" SET DATA TYPE TEXT;
