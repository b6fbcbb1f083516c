-- AlterTable
ALTER TABLE "outbox_cursors" ADD COLUMN     "gaps" JSONB NOT NULL DEFAULT '[]';
