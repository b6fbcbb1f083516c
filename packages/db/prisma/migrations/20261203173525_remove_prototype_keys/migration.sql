-- Removes `__proto__`, `constructor` and `prototype` keys, at any depth, from the JSON columns
-- that hold what users sent (strategy and bot parameters, backtest requests, TradingView alert
-- payloads, and the events and audit entries that copied them). superjson refuses to serialize
-- such keys, so one stored row broke every list that included it (a sharee's strategies.list,
-- an admin's, the owner's signals.list, a backtest's get). The doors refuse these keys now.
CREATE FUNCTION tradewind_strip_prototype_keys(value jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF jsonb_typeof(value) = 'object' THEN
    RETURN COALESCE(
      (SELECT jsonb_object_agg(entry.key, tradewind_strip_prototype_keys(entry.value))
         FROM jsonb_each(value) AS entry
        WHERE entry.key NOT IN ('__proto__', 'constructor', 'prototype')),
      '{}'::jsonb);
  ELSIF jsonb_typeof(value) = 'array' THEN
    RETURN COALESCE(
      (SELECT jsonb_agg(tradewind_strip_prototype_keys(element.value) ORDER BY element.position)
         FROM jsonb_array_elements(value) WITH ORDINALITY AS element(value, position)),
      '[]'::jsonb);
  END IF;
  RETURN value;
END;
$$;

-- Only rows whose text mentions one of the keys are rewritten; the function leaves others as is.
UPDATE "strategies" SET "params" = tradewind_strip_prototype_keys("params")
 WHERE "params"::text ~ '"(__proto__|constructor|prototype)"';
UPDATE "bots" SET "params" = tradewind_strip_prototype_keys("params")
 WHERE "params"::text ~ '"(__proto__|constructor|prototype)"';
UPDATE "strategy_events" SET "details" = tradewind_strip_prototype_keys("details")
 WHERE "details"::text ~ '"(__proto__|constructor|prototype)"';
UPDATE "backtests" SET "request" = tradewind_strip_prototype_keys("request")
 WHERE "request"::text ~ '"(__proto__|constructor|prototype)"';
UPDATE "tradingview_signals" SET "payload" = tradewind_strip_prototype_keys("payload")
 WHERE "payload"::text ~ '"(__proto__|constructor|prototype)"';
UPDATE "outbox_events" SET "payload" = tradewind_strip_prototype_keys("payload")
 WHERE "payload"::text ~ '"(__proto__|constructor|prototype)"';
UPDATE "audit_entries" SET "metadata" = tradewind_strip_prototype_keys("metadata")
 WHERE "metadata"::text ~ '"(__proto__|constructor|prototype)"';

DROP FUNCTION tradewind_strip_prototype_keys(jsonb);
