-- Up Migration

-- What makes duplicates harmless: a delivery id seen once per source, an event id accepted once per
-- source, an order id converted once per brand. Rows are inserted with ON CONFLICT DO NOTHING by
-- the group commit (src/store/intake-writer.ts), in the same transaction as the outbox rows.
-- NOTE: they grow with traffic; a retention sweep (older than the longest sender retry window)
-- belongs to the data lifecycle work.

CREATE TABLE deliveries (
  source_id text NOT NULL,
  delivery_id text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (source_id, delivery_id)
);

CREATE TABLE accepted_events (
  source_id text NOT NULL,
  event_id text NOT NULL,
  delivery_id text NOT NULL,
  accepted_at timestamptz NOT NULL,
  PRIMARY KEY (source_id, event_id)
);

CREATE TABLE orders (
  brand_id text NOT NULL,
  order_id text NOT NULL,
  source_id text NOT NULL,
  event_id text NOT NULL,
  PRIMARY KEY (brand_id, order_id)
);

-- The payload of every new delivery, for audit and replay. Raw email addresses are replaced by
-- their hashes before it is written; other personal data is erased with the member.
CREATE TABLE raw_archive (
  source_id text NOT NULL,
  delivery_id text NOT NULL,
  received_at timestamptz NOT NULL,
  content_type text NOT NULL,
  payload text NOT NULL,
  PRIMARY KEY (source_id, delivery_id)
);

CREATE INDEX raw_archive_received_idx ON raw_archive (received_at);

-- Down Migration

DROP TABLE raw_archive;
DROP TABLE orders;
DROP TABLE accepted_events;
DROP TABLE deliveries;
