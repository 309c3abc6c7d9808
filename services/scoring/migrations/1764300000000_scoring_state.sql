-- Up Migration

-- Scoring's state: who is who (identities → members), every interaction applied (the dedupe key
-- and each member's history), one relationship per (brand, member) with the model's resumable
-- state, the stage/level history, and the offsets consumed in the same transactions.
-- Written by src/store/*; one transaction per consumed batch (src/consumers/interactions-consumer.ts).

-- An identity of a community member on one platform, and the member it belongs to. A new identity
-- starts its own member, whose id is derived from it (src/identity/member-id.ts): deterministic,
-- so a replay or a second instance creating the same identity agrees on the id.
-- NOTE: merges (shared emailHash, operator links) re-point member_id; the absorbed member id then
-- resolves through member_aliases.
CREATE TABLE identities (
  brand_id text NOT NULL,
  platform text NOT NULL,
  platform_id text NOT NULL,
  member_id text NOT NULL,
  -- Hex SHA-256 of the e-mail, as first reported: what automatic merges match on.
  email_hash text,
  -- When scoring first saw the identity (processing time, not event time).
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (brand_id, platform, platform_id)
);

CREATE INDEX identities_member_idx ON identities (brand_id, member_id);
CREATE INDEX identities_email_idx ON identities (brand_id, email_hash) WHERE email_hash IS NOT NULL;

-- Member ids absorbed by a merge, resolving to the surviving member (filled by the merge work).
CREATE TABLE member_aliases (
  brand_id text NOT NULL,
  member_id text NOT NULL,
  survivor_id text NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (brand_id, member_id)
);

-- Every interaction scoring accepted, once: (source_id, event_id) is the dedupe key, so a
-- redelivered event inserts nothing and changes nothing. It is also the member's event log, in
-- the model's compact form (model/compact-event.ts, sentiment computed once), from which a merge,
-- a split, a rescore or a late event before the folded cutoff recomputes the relationship.
CREATE TABLE events (
  source_id text NOT NULL,
  event_id text NOT NULL,
  brand_id text NOT NULL,
  member_id text NOT NULL,
  occurred_at timestamptz NOT NULL,
  -- model CompactEvent, plus `platform`, `occurredAt` (as sent) and `conversion` for re-derivation.
  compact jsonb NOT NULL,
  -- Where it was read from (debugging, replays).
  kafka_partition integer,
  kafka_offset bigint,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, event_id)
);

CREATE INDEX events_member_idx ON events (brand_id, member_id, occurred_at);

-- One relationship per (brand, member): the published version, the model's resumable state
-- (model/relationship-history.ts: a folded base, the retained recent events, the head) and the
-- current values, for the sweep, the admin view and debugging.
CREATE TABLE relationships (
  brand_id text NOT NULL,
  member_id text NOT NULL,
  -- Version of the last RelationshipUpdated written to the outbox (0: none yet).
  version bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
  model_version integer NOT NULL,
  -- model RelationshipHistory
  state jsonb NOT NULL,
  -- identities with their latest handle, and the latest display name (src/scoring/member-profile.ts)
  profile jsonb NOT NULL,
  stage text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  love double precision NOT NULL,
  score double precision NOT NULL,
  -- Instant the values were computed for, and when stage and level were last evaluated.
  as_of timestamptz NOT NULL,
  evaluated_at timestamptz NOT NULL,
  -- First instant at which time alone may change stage or level: the sweep's work list.
  next_change_at timestamptz,
  event_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (brand_id, member_id)
);

CREATE INDEX relationships_due_idx ON relationships (next_change_at) WHERE next_change_at IS NOT NULL;

-- Every stage or level change, with its time and cause, as the system saw it when it happened.
CREATE TABLE relationship_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  brand_id text NOT NULL,
  member_id text NOT NULL,
  version bigint NOT NULL,
  at timestamptz NOT NULL,
  stage text NOT NULL,
  level smallint NOT NULL,
  previous_stage text,
  previous_level smallint,
  cause text NOT NULL
);

CREATE INDEX relationship_history_member_idx ON relationship_history (brand_id, member_id, id);

-- The next offset to read per consumer group and partition, stored in the batch's transaction:
-- whatever happens to the Kafka commit, messages below it are known to be applied.
CREATE TABLE consumed_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  kafka_partition integer NOT NULL,
  next_offset bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, kafka_partition)
);

-- Down Migration

DROP TABLE consumed_offsets;
DROP TABLE relationship_history;
DROP TABLE relationships;
DROP TABLE events;
DROP TABLE member_aliases;
DROP TABLE identities;
