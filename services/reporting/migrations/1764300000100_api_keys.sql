-- Up Migration

-- API keys of internal callers. The key itself is shown once at creation; only its SHA-256 is
-- kept (the key carries 256 random bits, so a fast hash is enough). The id is part of the key,
-- so a presented key is found by primary key and then compared in constant time.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  brands text[] NOT NULL,
  key_hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Down Migration

DROP TABLE api_keys;
