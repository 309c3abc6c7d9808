-- Up Migration

-- The source registry: who may post events for which brand, and with which credentials.
-- Every credential is sealed (AES-256-GCM, key from configuration) by src/sources/secret-box.ts;
-- nothing here is usable without the service's key.
CREATE TABLE sources (
  id text PRIMARY KEY,
  brand_id text NOT NULL,
  -- An event platform, or 'meta' (a Facebook Page with its Instagram account).
  platform text NOT NULL,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  -- The Standard Webhooks secret, and after a rotation the previous one until it expires.
  secret_sealed text NOT NULL,
  previous_secret_sealed text,
  previous_secret_expires_at timestamptz,
  -- The platform's own app secret (X, Meta, Slack, GitHub, Discourse sign with it).
  app_secret_sealed text,
  -- Meta's hub.verify_token: a shared secret as well.
  verify_token_sealed text,
  public_key text,
  -- The brand's own account ids on the platform: their events are outbound.
  brand_account_ids text[] NOT NULL DEFAULT '{}',
  -- Requests per second; NULL means the service's default.
  rate_limit_per_second integer CHECK (rate_limit_per_second > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  CHECK ((previous_secret_sealed IS NULL) = (previous_secret_expires_at IS NULL))
);

CREATE INDEX sources_brand_idx ON sources (brand_id, created_at);

-- Down Migration

DROP TABLE sources;
