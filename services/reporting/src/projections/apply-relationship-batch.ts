/**
 * Projects a batch of `relationships.v1` updates into the read models, inside the caller's
 * transaction, with a fixed number of set-based statements whatever the batch size.
 *
 * Every rollup is a sum of contributions (src/domain/rollup-counters.ts): of each live entry of
 * a counted member, of each member's first-seen day, funnel flags and active periods, and of each
 * stage change. The batch finds what it touches — new entries, the entries they retract or
 * answer, all entries and periods of members that became teammates or merged — and adds
 * `contribution(after) − contribution(before)` of exactly those. Redelivered updates and entries
 * change nothing (newer versions only; entries once by event id).
 */
import type { RelationshipUpdated } from '@rapport/contracts';
import type { Queryable } from '@rapport/kit/pg';
import {
  diffCounters, entryActivityKeys, entryCounters, memberCounters, parseActivityKey, retentionNeighbours, stageCounters,
  type ActivityKey, type Counter, type MemberFacts,
} from '../domain/rollup-counters';
import { applyPeriodMemberDeltas, readPeriodMembers, type PeriodMemberRef } from '../store/activity-store';
import {
  deriveLinkStates, entryPk, insertEntries, moveEntries, readEntriesByEvent, readEntriesOfMembers, updateEntryLinks,
  type EntryRecord, type EventRef, type LinkState,
} from '../store/entry-store';
import { lockMembers } from '../store/member-locks';
import { readAliases, readRelationshipStates, type MemberRef } from '../store/relationship-reads';
import {
  dropAliases, forgetMembers, insertAlerts, insertStageHistory, readStageHistory, recordMerges, replaceIdentities, upsertRelationships,
} from '../store/relationship-writes';
import { writeCounters, type BrandCounter } from '../store/rollup-writes';
import { memberKey, planRelationshipBatch, type RelationshipState } from './relationship-plan';

export interface BatchSummary {
  updates: number;
  applied: number;
  newEntries: number;
}

const refOf = (key: string): MemberRef => {
  const [brandId, memberId] = key.split(':') as [string, string];
  return { brandId, memberId };
};

export async function applyRelationshipBatch(client: Queryable, updates: readonly RelationshipUpdated[]): Promise<BatchSummary> {
  // ---- who is involved, and what we knew of them --------------------------------------------
  const named = new Set<string>();
  for (const u of updates) {
    named.add(memberKey(u.brandId, u.memberId));
    if (u.cause.kind === 'merge') for (const id of u.cause.absorbedMemberIds) named.add(memberKey(u.brandId, id));
  }
  await lockMembers(client, named);
  const aliases = await readAliases(client, [...named].map(refOf));
  const survivors = [...aliases].map(([key, survivor]) => memberKey(refOf(key).brandId, survivor)).filter((k) => !named.has(k));
  await lockMembers(client, survivors);
  const before = await readRelationshipStates(client, [...named, ...survivors].map(refOf));
  const plan = planRelationshipBatch(updates, before, aliases);

  const stateBefore = (key: string): RelationshipState | null => before.get(key) ?? null;
  const stateAfter = (key: string): RelationshipState | null => (plan.after.has(key) ? plan.after.get(key)! : stateBefore(key));
  const counted = (s: RelationshipState | null) => s !== null && !s.isTeam;
  const merged = new Set(plan.merges.flatMap((m) => [memberKey(m.brandId, m.survivorId), ...m.absorbedIds.map((a) => memberKey(m.brandId, a))]));
  const absorbed = plan.merges.flatMap((m) => m.absorbedIds.map((memberId) => ({ brandId: m.brandId, memberId })));
  const flipped = [...plan.members].filter((k) => counted(stateBefore(k)) !== counted(stateAfter(k)));

  // ---- entries: record the new ones, find every entry whose contribution may change ---------
  const newPks = await insertEntries(client, plan.entries);
  const newEntries = plan.entries.filter((e) => newPks.has(entryPk(e)));
  const linkRefs: EventRef[] = [];
  for (const e of newEntries) {
    linkRefs.push({ brandId: e.brandId, memberId: e.memberId, eventId: e.eventId });
    const target = e.interaction.retracts ?? e.interaction.answers;
    if (target !== undefined) linkRefs.push({ brandId: e.brandId, memberId: e.memberId, eventId: target });
  }
  const linked = await readEntriesByEvent(client, linkRefs);
  // A retracted answer un-answers the inbound entry it answered.
  const answeredByRetracted = linked.filter((r) => r.answers !== null && !newPks.has(entryPk(r)));
  const secondHop = await readEntriesByEvent(client, answeredByRetracted.map((r) => ({ brandId: r.brandId, memberId: r.memberId, eventId: r.answers! })));
  const wholeMembers = [...new Set([...flipped, ...absorbed.map((r) => memberKey(r.brandId, r.memberId))])].map(refOf);
  const ofMembers = await readEntriesOfMembers(client, wholeMembers);

  const touched = new Map<string, { before: EntryRecord | null; after: EntryRecord }>();
  for (const r of [...linked, ...secondHop, ...ofMembers]) {
    const pk = entryPk(r);
    if (!touched.has(pk)) touched.set(pk, { before: newPks.has(pk) ? null : r, after: r });
  }

  // A merge moves the absorbed members' entries to the survivor; links are then derived anew.
  await moveEntries(client, plan.merges);
  const survivorOf = new Map(plan.merges.flatMap((m) => m.absorbedIds.map((a) => [memberKey(m.brandId, a), m.survivorId] as const)));
  for (const t of touched.values()) {
    const survivor = survivorOf.get(memberKey(t.after.brandId, t.after.memberId));
    if (survivor !== undefined) t.after = { ...t.after, memberId: survivor };
  }
  const derived = await deriveLinkStates(client, [...touched.values()].map((t) => ({ brandId: t.after.brandId, memberId: t.after.memberId, eventId: t.after.eventId })));
  const linkChanges: Array<{ brandId: string; sourceId: string; eventId: string } & LinkState> = [];
  for (const [pk, t] of touched) {
    const link = derived.get(pk);
    if (link === undefined) continue;
    const f = t.after.facts;
    if (link.retracted !== f.retracted || link.answeredSeconds !== f.answeredSeconds || link.answeredBy !== t.after.answeredBy) {
      linkChanges.push({ brandId: t.after.brandId, sourceId: t.after.sourceId, eventId: t.after.eventId, ...link });
      t.after = { ...t.after, answeredBy: link.answeredBy, facts: { ...f, retracted: link.retracted, answeredSeconds: link.answeredSeconds } };
    }
  }
  await updateEntryLinks(client, linkChanges);

  // ---- contributions of the touched entries ---------------------------------------------------
  const counters: BrandCounter[] = [];
  const push = (brandId: string, cs: readonly Counter[]) => cs.forEach((counter) => counters.push({ brandId, counter }));
  const activityDelta = new Map<string, Map<ActivityKey, number>>();
  const addActivity = (member: string, keys: readonly ActivityKey[], sign: number) => {
    if (keys.length === 0) return;
    const m = activityDelta.get(member) ?? new Map<ActivityKey, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + sign);
    activityDelta.set(member, m);
  };
  for (const t of touched.values()) {
    const ownerAfter = memberKey(t.after.brandId, t.after.memberId);
    const afterCounters = counted(stateAfter(ownerAfter)) ? entryCounters(t.after.facts) : [];
    let beforeCounters: Counter[] = [];
    if (t.before !== null) {
      const ownerBefore = memberKey(t.before.brandId, t.before.memberId);
      if (counted(stateBefore(ownerBefore))) beforeCounters = entryCounters(t.before.facts);
      addActivity(ownerBefore, entryActivityKeys(t.before.facts), -1);
    }
    addActivity(ownerAfter, entryActivityKeys(t.after.facts), +1);
    push(t.after.brandId, diffCounters(beforeCounters, afterCounters));
  }

  // ---- contributions of the members -----------------------------------------------------------
  const memberChanges = new Map<string, { whole: boolean; keys: Set<ActivityKey> }>();
  for (const key of new Set([...plan.members, ...activityDelta.keys()])) {
    const b = stateBefore(key);
    const a = stateAfter(key);
    const deltas = [...(activityDelta.get(key) ?? new Map<ActivityKey, number>())].filter(([, n]) => n !== 0).map(([k]) => k);
    const factsChanged = counted(b) !== counted(a) || b?.firstSeenAtMs !== a?.firstSeenAtMs || b?.everEngaged !== a?.everEngaged
      || b?.everAdvocate !== a?.everAdvocate || b?.converted !== a?.converted;
    if (!factsChanged && deltas.length === 0) continue;
    const whole = counted(b) !== counted(a) || b?.firstSeenAtMs !== a?.firstSeenAtMs || merged.has(key);
    memberChanges.set(key, { whole, keys: new Set(whole ? deltas : deltas.flatMap(retentionNeighbours)) });
  }
  const some: PeriodMemberRef[] = [];
  for (const [key, c] of memberChanges) {
    if (c.whole) continue;
    const ref = refOf(key);
    for (const k of c.keys) some.push({ ...ref, ...parseActivityKey(k) });
  }
  const activity = await readPeriodMembers(client, [...memberChanges].filter(([, c]) => c.whole).map(([k]) => refOf(k)), some);
  const periodDeltas: Array<PeriodMemberRef & { delta: number }> = [];
  for (const [key, c] of memberChanges) {
    const loaded = activity.get(key) ?? new Map<ActivityKey, number>();
    const keys = c.whole ? new Set([...c.keys, ...loaded.keys()]) : c.keys;
    const deltas = activityDelta.get(key) ?? new Map<ActivityKey, number>();
    const beforeActivity = new Map([...keys].map((k) => [k, loaded.get(k) ?? 0] as const));
    const afterActivity = new Map([...keys].map((k) => [k, (loaded.get(k) ?? 0) + (deltas.get(k) ?? 0)] as const));
    const { brandId, memberId } = refOf(key);
    push(brandId, diffCounters(memberCounters(facts(stateBefore(key), beforeActivity)), memberCounters(facts(stateAfter(key), afterActivity))));
    for (const [k, delta] of deltas) if (delta !== 0) periodDeltas.push({ brandId, memberId, ...parseActivityKey(k), delta });
  }

  // ---- contributions of stage changes ---------------------------------------------------------
  const fullHistory = [...plan.members].filter((k) => counted(stateBefore(k)) !== counted(stateAfter(k)) && stateBefore(k) !== null);
  const oldHistory = groupByMember(await readStageHistory(client, fullHistory.map(refOf)));
  const newHistory = groupByMember(plan.history);
  for (const key of plan.members) {
    const { brandId } = refOf(key);
    const added = newHistory.get(key) ?? [];
    const b = counted(stateBefore(key));
    const a = counted(stateAfter(key));
    if (b && a) push(brandId, stageCounters(added));
    else if (b || a) {
      const old = oldHistory.get(key) ?? [];
      push(brandId, diffCounters(b ? stageCounters(old) : [], a ? stageCounters([...old, ...added]) : []));
    }
  }

  // ---- writes -----------------------------------------------------------------------------------
  await dropAliases(client, plan.revived);
  await recordMerges(client, plan.merges);
  await upsertRelationships(client, plan.rows);
  await replaceIdentities(client, plan.rows.map((r) => r.update));
  await insertStageHistory(client, plan.history);
  await forgetMembers(client, absorbed, { absorbed: true });
  await forgetMembers(client, flipped.filter((k) => !counted(stateAfter(k))).map(refOf), { absorbed: false });
  await insertAlerts(client, plan.alerts);
  await applyPeriodMemberDeltas(client, periodDeltas);
  await writeCounters(client, counters);

  return { updates: updates.length, applied: plan.rows.length, newEntries: newEntries.length };
}

function groupByMember<T extends { brandId: string; memberId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = memberKey(row.brandId, row.memberId);
    const list = out.get(key);
    if (list === undefined) out.set(key, [row]);
    else list.push(row);
  }
  return out;
}

function facts(s: RelationshipState | null, activity: ReadonlyMap<ActivityKey, number>): MemberFacts {
  return {
    counted: s !== null && !s.isTeam,
    firstSeenAtMs: s?.firstSeenAtMs ?? null,
    everEngaged: s?.everEngaged ?? false,
    everAdvocate: s?.everAdvocate ?? false,
    converted: s?.converted ?? false,
    activity,
  };
}
