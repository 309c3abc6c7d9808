/**
 * The pure half of projecting a batch of `relationships.v1` updates: which updates apply (only a
 * newer `version`), whom each update's interaction entries belong to (absorbed members resolve
 * to their survivor), the final relationship rows, the stage history and the alerts — all from
 * the updates and the state read before the batch. The I/O half is `apply-relationship-batch.ts`.
 */
import type { AppliedInteraction, RelationshipUpdated, Stage } from '@rapport/contracts';

// Brand and member ids cannot contain ":" (contracts), so the key splits unambiguously.
export const memberKey = (brandId: string, memberId: string) => `${brandId}:${memberId}`;

/** What the projection knows of a relationship before the batch. */
export interface RelationshipState {
  brandId: string;
  memberId: string;
  version: number;
  isTeam: boolean;
  stage: Stage;
  level: number;
  firstSeenAtMs: number;
  everEngaged: boolean;
  everAdvocate: boolean;
  converted: boolean;
}

export interface StageHistoryRow {
  brandId: string;
  memberId: string;
  version: number;
  atMs: number;
  stage: Stage;
  level: number;
  previousStage: Stage | null;
  previousLevel: number | null;
  cause: string;
}

export type AlertKind = 'became_advocate' | 'became_at_risk' | 'lapsed';

export interface AlertRow {
  brandId: string;
  memberId: string;
  atMs: number;
  kind: AlertKind;
  previousStage: Stage | null;
}

/** An interaction entry, owned by the member it counts for. */
export interface EntryRow {
  brandId: string;
  memberId: string;
  sourceId: string;
  eventId: string;
  interaction: AppliedInteraction;
  /** The stage before a conversion (from the entry, else as the projection saw it). */
  stageBefore: Stage | null;
}

export interface RelationshipPlan {
  /** The final state of each member whose relationship changed, with the update it came from. */
  rows: Array<{ state: RelationshipState; update: RelationshipUpdated }>;
  history: StageHistoryRow[];
  alerts: AlertRow[];
  entries: EntryRow[];
  /** Survivors and the members they absorbed in this batch. */
  merges: Array<{ brandId: string; survivorId: string; absorbedIds: string[] }>;
  /** Absorbed ids that a split brought back: their alias goes. */
  revived: Array<{ brandId: string; memberId: string }>;
  /** Every member whose state the batch may change (owners and absorbed), by `memberKey`. */
  members: Set<string>;
  /** State after the batch (null: absorbed or unknown), by `memberKey`. */
  after: Map<string, RelationshipState | null>;
}

const ENGAGED_STAGES: ReadonlySet<Stage> = new Set(['engaged', 'advocate', 'at_risk']);

export function planRelationshipBatch(
  updates: readonly RelationshipUpdated[],
  before: ReadonlyMap<string, RelationshipState>,
  aliases: ReadonlyMap<string, string>,
): RelationshipPlan {
  const plan: RelationshipPlan = { rows: [], history: [], alerts: [], entries: [], merges: [], revived: [], members: new Set(), after: new Map() };
  const state = new Map<string, RelationshipState | null>();
  const current = (key: string) => (state.has(key) ? state.get(key)! : (before.get(key) ?? null));
  const lastUpdate = new Map<string, RelationshipUpdated>();
  const alias = new Map(aliases);

  // NOTE: a merge absorbs members whose own updates may sit anywhere in the topic (they are keyed
  // differently); an update for an absorbed id is not applied, its entries go to the survivor.
  for (const u of updates) {
    if (u.cause.kind !== 'merge') continue;
    for (const absorbed of u.cause.absorbedMemberIds) {
      if (absorbed !== u.memberId) alias.set(memberKey(u.brandId, absorbed), u.memberId);
    }
  }

  for (const u of updates) {
    let ownerId = u.memberId;
    const aliasOf = alias.get(memberKey(u.brandId, u.memberId));
    if (aliasOf !== undefined) {
      if (u.cause.kind === 'split') {
        alias.delete(memberKey(u.brandId, u.memberId));
        plan.revived.push({ brandId: u.brandId, memberId: u.memberId });
      } else {
        ownerId = resolve(alias, u.brandId, aliasOf);
      }
    }
    const key = memberKey(u.brandId, ownerId);
    plan.members.add(key);
    const previous = current(key);
    const applies = ownerId === u.memberId && (previous === null || u.version > previous.version);

    if (u.cause.kind === 'interaction') {
      for (const i of u.cause.interactions) {
        const stageBefore = i.type === 'conversion' ? (i.stageBefore ?? previous?.stage ?? 'new') : (i.stageBefore ?? null);
        plan.entries.push({ brandId: u.brandId, memberId: ownerId, sourceId: i.sourceId ?? '', eventId: i.id, interaction: i, stageBefore });
      }
    }
    if (!applies) continue;

    const next: RelationshipState = {
      brandId: u.brandId,
      memberId: u.memberId,
      version: u.version,
      isTeam: u.isTeam || (previous?.isTeam ?? false),
      stage: u.stage,
      level: u.level,
      firstSeenAtMs: Date.parse(u.firstSeenAt),
      everEngaged: (previous?.everEngaged ?? false) || ENGAGED_STAGES.has(u.stage) || (u.previousStage !== undefined && ENGAGED_STAGES.has(u.previousStage)),
      everAdvocate: (previous?.everAdvocate ?? false) || u.stage === 'advocate' || u.previousStage === 'advocate',
      converted: u.converted || (previous?.converted ?? false),
    };
    if (previous === null || previous.stage !== next.stage || previous.level !== next.level) {
      const atMs = Date.parse(u.evaluatedAt);
      plan.history.push({
        brandId: u.brandId, memberId: u.memberId, version: u.version, atMs, stage: next.stage, level: next.level,
        previousStage: previous?.stage ?? null, previousLevel: previous?.level ?? null, cause: u.cause.kind,
      });
      const wasEngaged = (previous?.everEngaged ?? false) || (u.previousStage !== undefined && ENGAGED_STAGES.has(u.previousStage));
      const kind = alertKind(previous?.stage ?? null, next.stage, wasEngaged);
      if (kind !== null) plan.alerts.push({ brandId: u.brandId, memberId: u.memberId, atMs, kind, previousStage: previous?.stage ?? null });
    }
    if (u.cause.kind === 'merge') {
      const absorbedIds = u.cause.absorbedMemberIds.filter((id) => id !== u.memberId);
      plan.merges.push({ brandId: u.brandId, survivorId: u.memberId, absorbedIds });
      for (const id of absorbedIds) {
        plan.members.add(memberKey(u.brandId, id));
        state.set(memberKey(u.brandId, id), null);
      }
    }
    state.set(key, next);
    lastUpdate.set(key, u);
  }

  for (const key of plan.members) {
    const s = current(key);
    plan.after.set(key, s);
    const u = lastUpdate.get(key);
    if (s !== null && u !== undefined) plan.rows.push({ state: s, update: u });
  }
  // Teammates are in no community metric: no alerts for them.
  plan.alerts = plan.alerts.filter((a) => plan.after.get(memberKey(a.brandId, a.memberId))?.isTeam === false);
  return plan;
}

function resolve(alias: ReadonlyMap<string, string>, brandId: string, memberId: string): string {
  let id = memberId;
  for (let hops = 0; hops < 16; hops++) {
    const next = alias.get(memberKey(brandId, id));
    if (next === undefined || next === id) return id;
    id = next;
  }
  return id;
}

function alertKind(previous: Stage | null, next: Stage, wasEngaged: boolean): AlertKind | null {
  if (previous === next) return null;
  switch (next) {
    case 'advocate':
      return 'became_advocate';
    case 'at_risk':
      return 'became_at_risk';
    case 'lapsed':
      // Only for members who were once engaged (or advocate): lapsing from "new" is no news.
      return wasEngaged ? 'lapsed' : null;
    case 'new':
    case 'casual':
    case 'engaged':
      return null;
  }
}
