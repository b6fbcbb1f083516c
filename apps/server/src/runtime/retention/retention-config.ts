import { z } from 'zod';

const days = (fallback: number) => z.coerce.number().int().min(1).max(3650).default(fallback);

/** How long each kind of bookkeeping row is kept, merged into the server's environment. */
export const ZRetentionEnv = {
  /** Run the retention job in this process (several processes may run it; deletes are idempotent). */
  RETENTION_ENABLED: z
    .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
    .transform((value) => value === 'true' || value === '1')
    .default(true),
  /** Minutes between two retention passes. */
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** Outbox events older than this (and than the realtime replay window) are deleted. */
  RETENTION_OUTBOX_DAYS: days(7),
  /** Finished webhook deliveries (and their attempt logs) older than this are deleted. */
  RETENTION_WEBHOOK_DELIVERY_DAYS: days(30),
  /** TradingView signal logs older than this are deleted. */
  RETENTION_TRADINGVIEW_SIGNAL_DAYS: days(30),
  /** Uploaded CSVs of finished backtests older than this are cleared (the results stay). */
  RETENTION_BACKTEST_UPLOAD_DAYS: days(7),
};

export type RetentionConfig = {
  enabled: boolean;
  intervalMs: number;
  outboxMs: number;
  webhookDeliveryMs: number;
  tradingViewSignalMs: number;
  backtestUploadMs: number;
};

const DAY_MS = 86_400_000;

export function retentionConfigFrom(
  values: z.output<z.ZodObject<typeof ZRetentionEnv>>,
): RetentionConfig {
  return {
    enabled: values.RETENTION_ENABLED,
    intervalMs: values.RETENTION_INTERVAL_MINUTES * 60_000,
    outboxMs: values.RETENTION_OUTBOX_DAYS * DAY_MS,
    webhookDeliveryMs: values.RETENTION_WEBHOOK_DELIVERY_DAYS * DAY_MS,
    tradingViewSignalMs: values.RETENTION_TRADINGVIEW_SIGNAL_DAYS * DAY_MS,
    backtestUploadMs: values.RETENTION_BACKTEST_UPLOAD_DAYS * DAY_MS,
  };
}
