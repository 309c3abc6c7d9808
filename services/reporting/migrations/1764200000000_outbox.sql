-- Up Migration

-- The transactional outbox (@rapport/kit/outbox, see its README): events are written here in the
-- same transaction as the state they announce; the relay publishes them to Kafka, then deletes them.
-- Identical in every service's schema.
CREATE TABLE outbox (
  -- Insertion order (not commit order): the relay claims the lowest ids first.
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic text NOT NULL CHECK (topic <> ''),
  key text,
  -- The Kafka value (the event's JSON, CloudEvents binary mode).
  value text NOT NULL,
  -- Kafka headers as a flat object of strings (ce_id, ce_type, traceparent, ...).
  headers jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(headers) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE outbox;
