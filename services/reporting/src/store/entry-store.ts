import type { Direction, InteractionType, Stage } from '@rapport/contracts';
import { q, type Queryable } from '@rapport/kit/pg';
import type { EntryFacts } from '../domain/rollup-counters';
import type { EntryRow } from '../projections/relationship-plan';
import type { MemberRef } from './relationship-reads';

/** An interaction entry as stored. */
export interface EntryRecord {
  brandId: string;
  sourceId: string;
  eventId: string;
  memberId: string;
  answers: string | null;
  retracts: string | null;
  answeredBy: string | null;
  facts: EntryFacts;
}

export interface EventRef {
  brandId: string;
  memberId: string;
  eventId: string;
}

export const entryPk = (e: { brandId: string; sourceId: string; eventId: string }) => `${e.brandId}\u0000${e.sourceId}\u0000${e.eventId}`;

interface EntryDbRow {
  brand_id: string; source_id: string; event_id: string; member_id: string; type: InteractionType; direction: Direction;
  occurred_at: Date; sentiment: number | null; answers: string | null; answered_seconds: number | null; answered_by: string | null;
  value: string | null; currency: string | null; stage_before: Stage | null; retracts: string | null; retracted: boolean;
}

const SELECT = `SELECT e.brand_id, e.source_id, e.event_id, e.member_id, e.type, e.direction, e.occurred_at, e.sentiment,
                       e.answers, e.answered_seconds, e.answered_by, e.value::text AS value, e.currency, e.stage_before,
                       e.retracts, e.retracted FROM entries e`;

function toRecord(r: EntryDbRow): EntryRecord {
  return {
    brandId: r.brand_id, sourceId: r.source_id, eventId: r.event_id, memberId: r.member_id, answers: r.answers,
    retracts: r.retracts, answeredBy: r.answered_by,
    facts: {
      type: r.type, direction: r.direction, occurredAtMs: r.occurred_at.getTime(), sentiment: r.sentiment,
      answeredSeconds: r.answered_seconds, value: r.value, currency: r.currency, stageBefore: r.stage_before, retracted: r.retracted,
    },
  };
}

/** Records entries once by (brand, source, event id); answers the primary keys of the new ones. */
export async function insertEntries(client: Queryable, entries: readonly EntryRow[]): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const records = entries.map((e, ord) => {
    const i = e.interaction;
    return {
      ord,
      brand_id: e.brandId, source_id: e.sourceId, event_id: e.eventId, member_id: e.memberId, type: i.type,
      direction: i.direction, platform: i.platform, occurred_at: i.occurredAt, weight: i.weight, sentiment: i.sentiment,
      answers: i.answers ?? null, response_seconds: i.responseSeconds ?? null,
      value: i.value === undefined ? null : String(i.value), currency: i.currency ?? null, stage_before: e.stageBefore,
      retracts: i.retracts ?? null,
    };
  });
  const { rows } = await q<{ brand_id: string; source_id: string; event_id: string }>(
    client,
    'reporting:insert-entries',
    `INSERT INTO entries (brand_id, source_id, event_id, member_id, type, direction, platform, occurred_at, weight, sentiment,
                          answers, response_seconds, value, currency, stage_before, retracts)
     SELECT DISTINCT ON (brand_id, source_id, event_id) brand_id, source_id, event_id, member_id, type, direction, platform,
            occurred_at, weight, sentiment, answers, response_seconds, value::numeric, currency, stage_before, retracts
       FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, source_id text, event_id text, member_id text,
            type text, direction text, platform text, occurred_at timestamptz, weight float8, sentiment float8, answers text,
            response_seconds float8, value text, currency text, stage_before text, retracts text, ord bigint)
      ORDER BY brand_id, source_id, event_id, ord
     ON CONFLICT (brand_id, source_id, event_id) DO NOTHING
     RETURNING brand_id, source_id, event_id`,
    [JSON.stringify(records)],
  );
  return new Set(rows.map((r) => entryPk({ brandId: r.brand_id, sourceId: r.source_id, eventId: r.event_id })));
}

/** Entries named by event id within their member (any source). */
export async function readEntriesByEvent(client: Queryable, refs: readonly EventRef[]): Promise<EntryRecord[]> {
  if (refs.length === 0) return [];
  const { rows } = await q<EntryDbRow>(
    client,
    'reporting:read-entries-by-event',
    `${SELECT} JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[]) AS x(brand_id, member_id, event_id)) x
       ON e.brand_id = x.brand_id AND e.member_id = x.member_id AND e.event_id = x.event_id`,
    [refs.map((r) => r.brandId), refs.map((r) => r.memberId), refs.map((r) => r.eventId)],
  );
  return rows.map(toRecord);
}

/** Every entry of the members (a team flip or a merge changes what all of them count for). */
export async function readEntriesOfMembers(client: Queryable, refs: readonly MemberRef[]): Promise<EntryRecord[]> {
  if (refs.length === 0) return [];
  const { rows } = await q<EntryDbRow>(
    client,
    'reporting:read-entries-of-members',
    `${SELECT} JOIN unnest($1::text[], $2::text[]) AS x(brand_id, member_id) ON e.brand_id = x.brand_id AND e.member_id = x.member_id`,
    [refs.map((r) => r.brandId), refs.map((r) => r.memberId)],
  );
  return rows.map(toRecord);
}

export interface LinkState {
  retracted: boolean;
  answeredSeconds: number | null;
  answeredBy: string | null;
}

/**
 * What the entries named by `refs` should say about retraction and answers, given every entry
 * recorded so far: retracted when a retraction names it; an inbound entry is answered by the
 * earliest non-retracted outbound entry that names it. A function of the set of entries, not of
 * the order they came in.
 */
export async function deriveLinkStates(client: Queryable, refs: readonly EventRef[]): Promise<Map<string, LinkState>> {
  if (refs.length === 0) return new Map();
  const { rows } = await q<{ brand_id: string; source_id: string; event_id: string; retracted: boolean; answered_seconds: number | null; answered_by: string | null }>(
    client,
    'reporting:derive-entry-links',
    `SELECT e.brand_id, e.source_id, e.event_id,
            EXISTS (SELECT 1 FROM entries r
                     WHERE r.brand_id = e.brand_id AND r.member_id = e.member_id AND r.retracts = e.event_id AND r.type = 'retraction') AS retracted,
            a.response_seconds AS answered_seconds, a.event_id AS answered_by
       FROM entries e
       JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[]) AS x(brand_id, member_id, event_id)) x
         ON e.brand_id = x.brand_id AND e.member_id = x.member_id AND e.event_id = x.event_id
       LEFT JOIN LATERAL (
         SELECT o.event_id, coalesce(o.response_seconds, 0) AS response_seconds FROM entries o
          WHERE o.brand_id = e.brand_id AND o.member_id = e.member_id AND o.answers = e.event_id AND o.direction = 'outbound'
            AND NOT EXISTS (SELECT 1 FROM entries r
                             WHERE r.brand_id = o.brand_id AND r.member_id = o.member_id AND r.retracts = o.event_id AND r.type = 'retraction')
          ORDER BY o.occurred_at, o.event_id
          LIMIT 1
       ) a ON e.direction = 'inbound'`,
    [refs.map((r) => r.brandId), refs.map((r) => r.memberId), refs.map((r) => r.eventId)],
  );
  return new Map(rows.map((r) => [entryPk({ brandId: r.brand_id, sourceId: r.source_id, eventId: r.event_id }), { retracted: r.retracted, answeredSeconds: r.answered_seconds, answeredBy: r.answered_by }]));
}

export async function updateEntryLinks(client: Queryable, changes: ReadonlyArray<{ brandId: string; sourceId: string; eventId: string } & LinkState>): Promise<void> {
  if (changes.length === 0) return;
  await q(
    client,
    'reporting:update-entry-links',
    `UPDATE entries e SET retracted = r.retracted, answered_seconds = r.answered_seconds, answered_by = r.answered_by
       FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, source_id text, event_id text, retracted boolean,
            answered_seconds float8, answered_by text)
      WHERE e.brand_id = r.brand_id AND e.source_id = r.source_id AND e.event_id = r.event_id`,
    [JSON.stringify(changes.map((c) => ({ brand_id: c.brandId, source_id: c.sourceId, event_id: c.eventId, retracted: c.retracted, answered_seconds: c.answeredSeconds, answered_by: c.answeredBy })))],
  );
}

/** A merge: the absorbed members' entries now count for the survivor. */
export async function moveEntries(client: Queryable, merges: ReadonlyArray<{ brandId: string; survivorId: string; absorbedIds: string[] }>): Promise<void> {
  const pairs = merges.flatMap((m) => m.absorbedIds.map((a) => [m.brandId, a, m.survivorId] as const));
  if (pairs.length === 0) return;
  await q(
    client,
    'reporting:move-entries',
    `UPDATE entries e SET member_id = x.survivor_id
       FROM unnest($1::text[], $2::text[], $3::text[]) AS x(brand_id, absorbed_id, survivor_id)
      WHERE e.brand_id = x.brand_id AND e.member_id = x.absorbed_id`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1]), pairs.map((p) => p[2])],
  );
}
