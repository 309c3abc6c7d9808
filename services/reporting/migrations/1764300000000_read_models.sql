-- Up Migration

-- Read models of relationships.v1 (src/projections/). Everything here is derived from the topic:
-- replaying it from the beginning into an empty schema gives the same rows.

-- The current relationship, one row per (brand, member). Decaying values are stored as of
-- `as_of`; the `*_key` columns are their decay-normalized sort keys, log2(value) + as_of/H
-- (−Infinity for 0): uniform decay never changes their order, so they can be indexed
-- (src/domain/decay.ts). `doc` is the update as published (without `cause`), served as is.
CREATE TABLE relationships (
  brand_id text NOT NULL,
  member_id text NOT NULL,
  version bigint NOT NULL,
  half_life_seconds double precision NOT NULL,
  as_of timestamptz NOT NULL,
  love double precision NOT NULL,
  advocacy double precision NOT NULL,
  gravity double precision NOT NULL,
  love_key double precision NOT NULL,
  advocacy_key double precision NOT NULL,
  gravity_key double precision NOT NULL,
  stage text NOT NULL,
  level smallint NOT NULL,
  platforms text[] NOT NULL,
  is_team boolean NOT NULL,
  converted boolean NOT NULL,
  ever_engaged boolean NOT NULL,
  ever_advocate boolean NOT NULL,
  first_seen_at timestamptz NOT NULL,
  -- −infinity while the member has no inbound activity, so that it sorts last.
  last_active_at timestamptz NOT NULL,
  -- The `asOf` of the update that last changed the row (deterministic under replay).
  updated_at timestamptz NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (brand_id, member_id)
);

-- One index per sort of the member list; ties are broken by member_id in the same direction.
CREATE INDEX relationships_gravity_idx ON relationships (brand_id, gravity_key, member_id);
CREATE INDEX relationships_love_idx ON relationships (brand_id, love_key, member_id);
CREATE INDEX relationships_advocacy_idx ON relationships (brand_id, advocacy_key, member_id);
CREATE INDEX relationships_last_active_idx ON relationships (brand_id, last_active_at, member_id);
CREATE INDEX relationships_first_seen_idx ON relationships (brand_id, first_seen_at, member_id);
-- "The advocates by score", the most common filtered list.
CREATE INDEX relationships_stage_gravity_idx ON relationships (brand_id, stage, gravity_key, member_id);
CREATE INDEX relationships_updated_idx ON relationships (brand_id, updated_at);

-- (brand, platform, platformId) → member, for lookups by identity.
CREATE TABLE identities (
  brand_id text NOT NULL,
  platform text NOT NULL,
  platform_id text NOT NULL,
  member_id text NOT NULL,
  PRIMARY KEY (brand_id, platform, platform_id)
);
CREATE INDEX identities_member_idx ON identities (brand_id, member_id);

-- Members absorbed by a merge resolve to the survivor.
CREATE TABLE member_aliases (
  brand_id text NOT NULL,
  alias_id text NOT NULL,
  member_id text NOT NULL,
  PRIMARY KEY (brand_id, alias_id)
);
CREATE INDEX member_aliases_member_idx ON member_aliases (brand_id, member_id);

-- Every stage or level change as the system saw it (the update's evaluatedAt).
CREATE TABLE stage_history (
  brand_id text NOT NULL,
  member_id text NOT NULL,
  version bigint NOT NULL,
  at timestamptz NOT NULL,
  stage text NOT NULL,
  level smallint NOT NULL,
  previous_stage text,
  previous_level smallint,
  cause text NOT NULL,
  PRIMARY KEY (brand_id, member_id, version)
);

-- The interactions updates applied, with what scoring derived from them: recorded exactly once
-- by event id, even when the update carrying them is skipped as older. Rollups are sums over
-- these (and over members); a retraction or an answer changes the row it names.
CREATE TABLE entries (
  brand_id text NOT NULL,
  -- '' when the event did not say (the contract makes sourceId optional).
  source_id text NOT NULL,
  event_id text NOT NULL,
  member_id text NOT NULL,
  type text NOT NULL,
  direction text NOT NULL,
  platform text NOT NULL,
  occurred_at timestamptz NOT NULL,
  weight double precision NOT NULL,
  sentiment double precision,
  -- Outbound answers: the inbound event id answered, and the response time.
  answers text,
  response_seconds double precision,
  -- Inbound entries awaiting an answer: the response time once answered, and by which event.
  answered_seconds double precision,
  answered_by text,
  value numeric,
  currency text,
  stage_before text,
  retracts text,
  retracted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (brand_id, source_id, event_id)
);
CREATE INDEX entries_member_idx ON entries (brand_id, member_id, event_id);
CREATE INDEX entries_answers_idx ON entries (brand_id, member_id, answers) WHERE answers IS NOT NULL;
CREATE INDEX entries_retracts_idx ON entries (brand_id, member_id, retracts) WHERE retracts IS NOT NULL;

-- ---- Rollups, per brand and UTC day, of counts that sum ----------------------------------

CREATE TABLE daily_interactions (
  brand_id text NOT NULL,
  day date NOT NULL,
  type text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (brand_id, day, type)
);

CREATE TABLE daily_engagement (
  brand_id text NOT NULL,
  day date NOT NULL,
  awaiting bigint NOT NULL,
  answered bigint NOT NULL,
  positive bigint NOT NULL,
  negative bigint NOT NULL,
  with_sentiment bigint NOT NULL,
  PRIMARY KEY (brand_id, day)
);

-- Response times as histograms (src/domain/response-times.ts) per day, week and month of the
-- inbound event answered: a median is read from one period's buckets, never summed across days.
CREATE TABLE response_times (
  brand_id text NOT NULL,
  granularity text NOT NULL,
  period_start date NOT NULL,
  bucket integer NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (brand_id, granularity, period_start, bucket)
);

-- Conversions by the member's stage just before converting.
CREATE TABLE daily_revenue (
  brand_id text NOT NULL,
  day date NOT NULL,
  stage text NOT NULL,
  currency text NOT NULL,
  conversions bigint NOT NULL,
  revenue numeric NOT NULL,
  PRIMARY KEY (brand_id, day, stage, currency)
);

-- Members by first-seen day, with how many of them ever reached each funnel step.
CREATE TABLE daily_acquisition (
  brand_id text NOT NULL,
  day date NOT NULL,
  acquired bigint NOT NULL,
  engaged bigint NOT NULL,
  advocate bigint NOT NULL,
  converted bigint NOT NULL,
  PRIMARY KEY (brand_id, day)
);

-- Stage and level counts as running sums of changes: the count at an instant is the sum of the
-- changes of the days before it.
CREATE TABLE daily_stage_changes (
  brand_id text NOT NULL,
  dimension text NOT NULL,
  value text NOT NULL,
  day date NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (brand_id, dimension, value, day)
);

-- ---- Distinct active members per period (day, week, month) -------------------------------
-- Daily sums cannot give weekly distinct counts, so activity is kept per member and period;
-- the counts per period are maintained from the transitions of these rows.

CREATE TABLE period_members (
  brand_id text NOT NULL,
  member_id text NOT NULL,
  granularity text NOT NULL,
  period_start date NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (brand_id, member_id, granularity, period_start)
);

-- Active members per period, and of them those active in the previous period too.
CREATE TABLE period_activity (
  brand_id text NOT NULL,
  granularity text NOT NULL,
  period_start date NOT NULL,
  active bigint NOT NULL,
  retained bigint NOT NULL,
  PRIMARY KEY (brand_id, granularity, period_start)
);

-- Active members per period by the period they were first seen in (week and month cohorts;
-- for days only the diagonal, "active and new").
CREATE TABLE cohort_activity (
  brand_id text NOT NULL,
  granularity text NOT NULL,
  cohort_start date NOT NULL,
  period_start date NOT NULL,
  active bigint NOT NULL,
  PRIMARY KEY (brand_id, granularity, cohort_start, period_start)
);

-- Stage-change alerts, newest first by (at, member_id, kind).
CREATE TABLE alerts (
  brand_id text NOT NULL,
  at timestamptz NOT NULL,
  member_id text NOT NULL,
  kind text NOT NULL,
  previous_stage text,
  PRIMARY KEY (brand_id, at, member_id, kind)
);

-- Down Migration

DROP TABLE alerts;
DROP TABLE cohort_activity;
DROP TABLE period_activity;
DROP TABLE period_members;
DROP TABLE daily_stage_changes;
DROP TABLE daily_acquisition;
DROP TABLE daily_revenue;
DROP TABLE response_times;
DROP TABLE daily_engagement;
DROP TABLE daily_interactions;
DROP TABLE entries;
DROP TABLE stage_history;
DROP TABLE member_aliases;
DROP TABLE identities;
DROP TABLE relationships;
