-- AlterTable
ALTER TABLE "bots" ADD COLUMN     "feed" TEXT NOT NULL DEFAULT 'simulator';
