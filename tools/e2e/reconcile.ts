import type { InteractionEvent } from '@rapport/contracts';
import type { Pool } from 'pg';
import { eventKey, type EventKey, type EventLedger, type LedgerTotals } from './event-ledger';
import { expectedRollups, type MemberEvents } from './expected-rollups';
import { closeTo, evaluateFor, excessCounts, modelDifferences, type ServedRelationship } from './model-comparison';
import type { ReportingClient } from './reporting-client';

// The full reconciliation of a run: the events the senders were told were accepted, held event
// by event against what ingestion stored, what scoring applied and what reporting recorded, and
// every relationship reporting serves against the pure model's replay of its member's events.
// Lost and double-counted must both be 0; `problems` lists every other difference.

export interface Reconciliation {
  totals: LedgerTotals;
  /** Distinct events stored by ingestion, applied by scoring, recorded by reporting. */
  ingested: number;
  scored: number;
  recorded: number;
  /** Events stored without their sender seeing the 2xx (the answer was lost in a crash): counted, not lost. */
  durableWithoutAnswer: number;
  /** Acknowledged events missing downstream, end to end, and where they went missing. */
  lost: number;
  lostAt: { ingestion: number; scoring: number; reporting: number };
  /** Copies beyond one of an event, or counts and sums beyond the accepted set's. */
  doubleCounted: number;
  members: number;
  /** Relationships compared with the model, and how many differed. */
  modelChecked: number;
  modelMismatches: number;
  /** Every difference found (lost and double-counted events by key, model fields, rollups), truncated. */
  problems: string[];
}

export interface ReconcileOptions {
  admin: Pool;
  reporting: ReportingClient;
  ledger: EventLedger;
  /** Members also read one by one and by identity (the list gives them all). */
  sampleSize?: number;
}

const MAX_PROBLEMS = 60;

export async function reconcile({ admin, reporting, ledger, sampleSize = 20 }: ReconcileOptions): Promise<Reconciliation> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  const brands = [...ledger.sources.keys()];

  const ingested = await keysOf(admin, `/* e2e:ingested */ SELECT s.brand_id, a.event_id FROM ingestion.accepted_events a JOIN ingestion.sources s ON s.id = a.source_id WHERE s.brand_id = ANY($1)`, brands);
  const scoredRows = await admin.query<{ brand_id: string; event_id: string; member_id: string }>(
    '/* e2e:scored */ SELECT brand_id, event_id, member_id FROM scoring.events WHERE brand_id = ANY($1)',
    [brands],
  );
  const recordedRows = await admin.query<{ brand_id: string; event_id: string; member_id: string }>(
    '/* e2e:recorded */ SELECT brand_id, event_id, member_id FROM reporting.entries WHERE brand_id = ANY($1)',
    [brands],
  );

  let doubleCounted = 0;
  const scored = new Map<EventKey, string>();
  for (const row of scoredRows.rows) {
    const key = eventKey(row.brand_id, row.event_id);
    if (scored.has(key)) {
      doubleCounted++;
      problem(`scoring applied ${key} more than once`);
    }
    scored.set(key, row.member_id);
  }
  const recorded = new Map<EventKey, string>();
  for (const row of recordedRows.rows) {
    const key = eventKey(row.brand_id, row.event_id);
    if (recorded.has(key)) {
      doubleCounted++;
      problem(`reporting recorded ${key} more than once`);
    }
    recorded.set(key, row.member_id);
  }

  // Lost: acknowledged, and missing at the end of the line; and where each went missing.
  const acknowledged = ledger.acknowledgedKeys();
  const lostAt = { ingestion: 0, scoring: 0, reporting: 0 };
  let lost = 0;
  for (const key of acknowledged) {
    if (!recorded.has(key)) {
      lost++;
      const where = !ingested.has(key) ? 'ingestion' : !scored.has(key) ? 'scoring' : 'reporting';
      lostAt[where]++;
      problem(`lost ${key}: acknowledged, missing from ${where}${where === 'ingestion' ? '' : ' onwards'}`);
    }
  }
  // Every stage must hold the same set: what ingestion stored without an answer reached the
  // sender is still durable, and must flow on like the rest.
  for (const key of ingested) if (!scored.has(key) && !acknowledged.has(key)) problem(`${key} stored by ingestion (its sender saw no answer) but never applied by scoring`);
  for (const [key] of scored) {
    if (!ingested.has(key)) problem(`${key} applied by scoring but not stored by ingestion`);
    if (!recorded.has(key) && !acknowledged.has(key)) problem(`${key} applied by scoring but never recorded by reporting`);
    if (!ledger.isSent(key)) problem(`${key} applied by scoring but never sent`);
  }
  for (const [key, member] of recorded) {
    if (!scored.has(key)) problem(`${key} recorded by reporting but not applied by scoring`);
    else if (scored.get(key) !== member) problem(`${key} recorded for member ${member}, applied by scoring to ${scored.get(key)}`);
  }
  for (const key of ledger.ignoredKeys()) if (scored.has(key)) problem(`${key} was acknowledged as ignored but scoring applied it`);
  let durableWithoutAnswer = 0;
  for (const key of scored.keys()) if (!acknowledged.has(key)) durableWithoutAnswer++;

  // Each member's accepted events, as the contract says scoring received them.
  const eventsByMember = new Map<string, InteractionEvent[]>();
  for (const [key, memberId] of scored) {
    const event = ledger.canonical(key);
    if (event === undefined) continue;
    const memberKey = `${event.brandId}/${memberId}`;
    let list = eventsByMember.get(memberKey);
    if (list === undefined) eventsByMember.set(memberKey, (list = []));
    list.push(event);
  }

  // Every relationship reporting serves, against the model.
  let modelChecked = 0;
  let modelMismatches = 0;
  const rollupMembers: MemberEvents[] = [];
  const served = new Map<string, ServedRelationship>();
  for (const brandId of brands) {
    for (const member of await reporting.allMembers(brandId)) served.set(`${brandId}/${member.memberId}`, member);
  }
  for (const memberKey of eventsByMember.keys()) if (!served.has(memberKey)) problem(`member ${memberKey} has applied events but reporting does not serve it`);
  for (const [memberKey, member] of served) {
    const events = eventsByMember.get(memberKey);
    if (events === undefined) {
      problem(`reporting serves ${memberKey}, a member with no accepted event`);
      doubleCounted++;
      continue;
    }
    const identities = new Set(member.identities.map((i) => `${i.platform}:${i.platformId}`));
    for (const e of events) if (!identities.has(`${e.platform}:${e.member.platformId}`)) problem(`${memberKey} lacks identity ${e.platform}:${e.member.platformId} of event ${e.id}`);
    const model = evaluateFor(member, events);
    const differences = modelDifferences(member, model);
    modelChecked++;
    if (differences.length > 0) {
      modelMismatches++;
      problem(`${memberKey} (${events.length} events) differs from the model: ${differences.join('; ')}`);
    }
    doubleCounted += excessCounts(member, model.atEvaluation);
    rollupMembers.push({ isTeam: model.atEvaluation.isTeam, events });
  }

  // A sample one by one, by id and by identity: the same relationship, equal to the model.
  for (const [memberKey, listed] of [...served].slice(0, sampleSize)) {
    const one = await reporting.member(listed.brandId, listed.memberId);
    const identity = listed.identities[0];
    const byIdentity = identity === undefined ? null : await reporting.lookup(listed.brandId, identity.platform, identity.platformId);
    if (one === null || byIdentity === null) {
      problem(`${memberKey}: ${one === null ? 'GET by id' : 'lookup by identity'} answered 404`);
      continue;
    }
    if (byIdentity.memberId !== listed.memberId) problem(`lookup of ${identity!.platform}:${identity!.platformId} answered ${byIdentity.memberId}, not ${listed.memberId}`);
    if (!Array.isArray(one.stageHistory) || one.stageHistory.length === 0) problem(`${memberKey}: no stage history`);
    const differences = modelDifferences(one, evaluateFor(one, eventsByMember.get(memberKey) ?? []));
    if (differences.length > 0) problem(`${memberKey} by id differs from the model: ${differences.join('; ')}`);
  }

  doubleCounted += await checkBrandFigures(reporting, brands, rollupMembers, problem);

  return {
    totals: ledger.totals(),
    ingested: ingested.size,
    scored: scored.size,
    recorded: recorded.size,
    durableWithoutAnswer,
    lost,
    lostAt,
    doubleCounted,
    members: served.size,
    modelChecked,
    modelMismatches,
    problems,
  };
}

/** Health and funnel figures against the accepted events; the excess is returned as double-counted. */
async function checkBrandFigures(reporting: ReportingClient, brands: string[], members: MemberEvents[], problem: (text: string) => void): Promise<number> {
  let excess = 0;
  const to = new Date(Date.now() + 60_000).toISOString();
  for (const brandId of brands) {
    const own = members.filter((m) => m.events[0]?.brandId === brandId);
    // NOTE: a loop, not Math.min(...all): a benchmark's hundred thousand events overflow the stack.
    let earliest = Number.POSITIVE_INFINITY;
    for (const m of own) for (const e of m.events) earliest = Math.min(earliest, Date.parse(e.occurredAt));
    if (!Number.isFinite(earliest)) continue;
    const fromMs = Math.floor(earliest / 86_400_000) * 86_400_000;
    const from = new Date(fromMs).toISOString();
    const expected = expectedRollups(own, { fromMs, toMs: Number.POSITIVE_INFINITY });
    const counted = own.filter((m) => !m.isTeam).length;

    const series = await reporting.health(brandId, from, to);
    const interactions = series.reduce((sum, p) => sum + p.interactions, 0);
    if (interactions !== expected.interactions) problem(`${brandId} health: ${interactions} interactions, the accepted events make ${expected.interactions}`);
    excess += Math.max(0, interactions - expected.interactions);
    const byType: Record<string, number> = {};
    for (const point of series) for (const [type, n] of Object.entries(point.interactionsByType)) byType[type] = (byType[type] ?? 0) + n;
    for (const type of new Set([...Object.keys(byType), ...Object.keys(expected.interactionsByType)])) {
      if ((byType[type] ?? 0) !== (expected.interactionsByType[type] ?? 0)) problem(`${brandId} health: ${byType[type] ?? 0} ${type} interactions, expected ${expected.interactionsByType[type] ?? 0}`);
    }
    const lastMembers = series.at(-1)?.members ?? 0;
    if (lastMembers !== counted) problem(`${brandId} health: ${lastMembers} members at the end, ${counted} non-team members served`);
    excess += Math.max(0, lastMembers - counted);

    const funnel = await reporting.funnel(brandId, from, to);
    if (funnel.acquired !== counted) problem(`${brandId} funnel: ${funnel.acquired} acquired, ${counted} non-team members served`);
    excess += Math.max(0, funnel.acquired - counted);
    const currencies = new Set([...funnel.revenueByStage.map((r) => r.currency), ...Object.keys(expected.conversions)]);
    for (const currency of currencies) {
      const rows = funnel.revenueByStage.filter((r) => r.currency === currency);
      const conversions = rows.reduce((sum, r) => sum + r.conversions, 0);
      const revenue = rows.reduce((sum, r) => sum + r.revenue, 0);
      const want = expected.conversions[currency] ?? { count: 0, revenue: 0 };
      if (conversions !== want.count || !closeTo(revenue, want.revenue, 1e-9)) {
        problem(`${brandId} funnel: ${conversions} conversions worth ${revenue} ${currency}, the accepted events make ${want.count} worth ${want.revenue}`);
      }
      excess += Math.max(0, conversions - want.count);
    }
  }
  return excess;
}

async function keysOf(admin: Pool, sql: string, brands: string[]): Promise<Set<EventKey>> {
  const { rows } = await admin.query<{ brand_id: string; event_id: string }>(sql, [brands]);
  return new Set(rows.map((r) => eventKey(r.brand_id, r.event_id)));
}

/** One block of figures, as each test and the fault suite print it. */
export function formatReconciliation(label: string, r: Reconciliation, extra: Record<string, string | number> = {}): string {
  const t = r.totals;
  const lines = [
    `── ${label} ──`,
    `  events generated ${t.sent}, sent ${t.sends} (re-sends included), acknowledged ${t.acknowledged}, ignored ${t.ignored}, rejected ${t.rejected}, no answer ${t.noAnswer}`,
    `  ingested ${r.ingested}, scored ${r.scored}, recorded ${r.recorded}, durable without an answer ${r.durableWithoutAnswer}`,
    `  LOST ${r.lost} (ingestion ${r.lostAt.ingestion}, scoring ${r.lostAt.scoring}, reporting ${r.lostAt.reporting}), DOUBLE-COUNTED ${r.doubleCounted}`,
    `  members ${r.members}, equal to the model ${r.modelChecked - r.modelMismatches}/${r.modelChecked}`,
    ...Object.entries(extra).map(([name, value]) => `  ${name}: ${value}`),
    ...r.problems.map((p) => `  ! ${p}`),
  ];
  return lines.join('\n');
}
