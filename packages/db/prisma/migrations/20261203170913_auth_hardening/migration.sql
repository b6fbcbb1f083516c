-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "created_by_api_key_id" UUID;

-- AlterTable
ALTER TABLE "refresh_tokens" ADD COLUMN     "successor_encrypted" TEXT;

-- CreateIndex
CREATE INDEX "api_keys_created_by_api_key_id_idx" ON "api_keys"("created_by_api_key_id");
