-- AlterTable
ALTER TABLE "candles" DROP CONSTRAINT "candles_pkey",
ADD COLUMN     "owner_id" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "venue" TEXT NOT NULL DEFAULT 'import',
ADD CONSTRAINT "candles_pkey" PRIMARY KEY ("owner_id", "venue", "symbol", "timeframe", "time");

-- Existing rows: the simulator's stay `simulator`; everything else was a CSV import. Who
-- imported them was never recorded, so they stay readable by everyone (owner ''), as before.
UPDATE "candles" SET "venue" = 'simulator' WHERE "source" = 'simulator';
