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
DO $$
DECLARE
  target record;
BEGIN
  FOR target IN
    SELECT * FROM (VALUES
      ('strategies', 'params'),
      ('bots', 'params'),
      ('strategy_events', 'details'),
      ('backtests', 'request'),
      ('tradingview_signals', 'payload'),
      ('outbox_events', 'payload'),
      ('audit_entries', 'metadata')
    ) AS columns(table_name, column_name)
  LOOP
    EXECUTE format(
      'UPDATE %I SET %I = tradewind_strip_prototype_keys(%I) WHERE %I::text ~ %L',
      target.table_name, target.column_name, target.column_name, target.column_name,
      '"(__proto__|constructor|prototype)"');
  END LOOP;
END;
$$;

DROP FUNCTION tradewind_strip_prototype_keys(jsonb);
