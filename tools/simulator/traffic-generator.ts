import type { InteractionEventInput } from '@rapport/contracts';
import { expectedActions, nextActionAt, rateAt, type ActivityProcess } from './activity-process';
import { answerDelayMs, answerEvent, MEMBER_FOLLOW_UP_RATE, type Answerable } from './brand-answers';
import type { BrandProfile, Community, IdentityProfile, MemberProfile } from './community-model';
import { EventHeap } from './event-heap';
import { actionEvent, AWAITING_TYPES, type ActionKind, followEvent, identityFor, isoTime, MEMBER_ACTION_WEIGHTS, memberInput, pickAction } from './member-actions';
import { deriveSeed, SeededRandom } from './seeded-random';

// The dynamic side: a community's traffic on a simulated clock, as a lazy stream of sender events
// in event-time order. Every member is a Poisson process with a Pareto-distributed rate, some
// decaying into silence; arrivals follow or join; the brand answers later; members answer back
// and sometimes take a reaction back. Pure and seeded: the same options give the same stream.

const DAY_MS = 86_400_000;

export type Timeline =
  /** Compressed history: events between `fromMs` and `toMs` (never later), about `targetEvents`. */
  | { kind: 'history'; fromMs: number; toMs: number; targetEvents: number }
  /** Live: from `startMs` on, about `ratePerSecond` events per simulated second, without end. */
  | { kind: 'live'; startMs: number; ratePerSecond: number };

export interface TrafficOptions {
  community: Community;
  seed: number;
  timeline: Timeline;
  /** Prefix of event and order ids (default `sim-<seed>-`): vary it to send the same traffic to a source again. */
  idPrefix?: string;
  /** Stop after this many events. */
  maxEvents?: number;
}

export interface SimulatedEvent {
  brandId: string;
  event: InteractionEventInput;
}

/** Share of members already there when a history window opens (the rest arrive during it). */
const HISTORY_PRESENT_SHARE = 0.35;
/** In live mode most members are already there; the others arrive over the first hours. */
const LIVE_PRESENT_SHARE = 0.85;
const LIVE_ARRIVALS_MS = 6 * 3_600_000;
/** How long before the simulated start present members arrived. */
const PAST_ARRIVALS_MS = 120 * DAY_MS;
const RETRACTION_RATE = 0.02;

interface MemberState {
  brand: BrandProfile;
  profile: MemberProfile;
  process: ActivityProcess;
  following: boolean;
}

type Scheduled =
  | { kind: 'arrive'; member: MemberState }
  | { kind: 'act'; member: MemberState }
  | { kind: 'answer'; member: MemberState; inbound: Answerable }
  | { kind: 'follow-up'; member: MemberState; answer: { id: string; identity: IdentityProfile; threadId: string | undefined } }
  | { kind: 'retract'; member: MemberState; parentId: string; identity: IdentityProfile };

export function* generateTraffic(options: TrafficOptions): Generator<SimulatedEvent, void, undefined> {
  const { timeline } = options;
  const random = new SeededRandom(deriveSeed(options.seed, 'traffic'));
  const idPrefix = options.idPrefix ?? `sim-${options.seed}-`;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  const startMs = timeline.kind === 'history' ? timeline.fromMs : timeline.startMs;
  const endMs = timeline.kind === 'history' ? timeline.toMs : Number.POSITIVE_INFINITY;
  if (!(endMs > startMs)) throw new RangeError('the history window is empty');

  const members = placeMembers(random, options.community, timeline);
  const heap = new EventHeap<Scheduled>();
  const scheduleNextAct = (member: MemberState, afterMs: number) => {
    const at = nextActionAt(member.process, afterMs, random.exponential());
    if (at !== undefined && at <= endMs) heap.push(at, { kind: 'act', member });
  };
  for (const member of members) {
    if (member.process.joinedAtMs >= startMs) heap.push(member.process.joinedAtMs, { kind: 'arrive', member });
    else {
      member.following = true;
      scheduleNextAct(member, startMs);
    }
  }

  let seq = 0;
  const nextId = () => `${idPrefix}${++seq}`;
  let emitted = 0;
  for (let item = heap.pop(); item !== undefined && item.at <= endMs && emitted < maxEvents; item = heap.pop()) {
    const { at, value } = item;
    const { member } = value;
    const brandId = member.brand.id;
    let event: InteractionEventInput;
    switch (value.kind) {
      case 'arrive':
        member.following = true;
        event = followEvent(nextId(), identityFor(random, member.profile, 'arrival'), at, true);
        scheduleNextAct(member, at);
        break;
      case 'act': {
        event = act(member, at);
        scheduleNextAct(member, at);
        break;
      }
      case 'answer':
        event = answerEvent(random, nextId(), value.inbound, at);
        if (random.chance(MEMBER_FOLLOW_UP_RATE)) {
          const delay = random.logNormal(30, 1.2) * 60_000;
          const answer = { id: event.id, identity: value.inbound.identity, threadId: value.inbound.threadId };
          if (at + delay <= endMs) heap.push(at + delay, { kind: 'follow-up', member, answer });
        }
        break;
      case 'follow-up': {
        const built = actionEvent(random, { ...actionBase(member, value.answer.identity, at), kind: 'reply', parentId: value.answer.id });
        event = built.event;
        maybeAnswer(member, value.answer.identity, { ...built, threadId: value.answer.threadId ?? built.threadId }, at);
        break;
      }
      case 'retract':
        event = {
          id: nextId(),
          platform: value.identity.platform,
          type: 'retraction',
          direction: 'inbound',
          occurredAt: isoTime(at),
          member: memberInput(value.identity),
          content: { parentId: value.parentId },
        };
        break;
    }
    emitted++;
    yield { brandId, event };
  }

  function actionBase(member: MemberState, identity: IdentityProfile, at: number) {
    const id = nextId();
    const others = member.brand.members;
    const friend = others[random.int(0, others.length - 1)]!;
    return { id, brand: member.brand, member: member.profile, identity, atMs: at, orderId: `${idPrefix}order-${seq}`, referredPlatformId: friend.identities[0]!.platformId };
  }

  function act(member: MemberState, at: number): InteractionEventInput {
    const kind = pickAction(random, member.profile);
    const identity = identityFor(random, member.profile, kind);
    if (kind === 'unfollow') {
      // Leaving and coming back: an unfollow when following, a follow again otherwise.
      member.following = !member.following;
      return followEvent(nextId(), member.profile.identities[0]!, at, member.following);
    }
    const built = actionEvent(random, { ...actionBase(member, identity, at), kind });
    maybeAnswer(member, identity, built, at);
    if (kind === 'reaction' && !member.profile.isTeam && random.chance(RETRACTION_RATE)) {
      const retractAt = at + random.logNormal(5, 1) * 60_000;
      if (retractAt <= endMs) heap.push(retractAt, { kind: 'retract', member, parentId: built.event.id, identity });
    }
    return built.event;
  }

  function maybeAnswer(member: MemberState, identity: IdentityProfile, built: ReturnType<typeof actionEvent>, at: number): void {
    if (member.profile.isTeam || !AWAITING_TYPES.has(built.event.type)) return;
    const inbound: Answerable = { id: built.event.id, type: built.event.type, identity, name: member.profile.name, tone: built.tone, threadId: built.threadId };
    const delay = answerDelayMs(random, member.brand, inbound);
    if (delay !== undefined && at + delay <= endMs) heap.push(at + delay, { kind: 'answer', member, inbound });
  }
}

/** Arrival times and activity processes, with the rate scale that meets the timeline's volume. */
function placeMembers(random: SeededRandom, community: Community, timeline: Timeline): MemberState[] {
  const history = timeline.kind === 'history';
  const startMs = history ? timeline.fromMs : timeline.startMs;
  const members: MemberState[] = [];
  for (const brand of community.brands) {
    for (const profile of brand.members) {
      const present = random.chance(history ? HISTORY_PRESENT_SHARE : LIVE_PRESENT_SHARE);
      const joinedAtMs = present
        ? startMs - random.next() * PAST_ARRIVALS_MS
        : history
          ? startMs + random.next() * (timeline.toMs - startMs)
          : startMs + random.next() * LIVE_ARRIVALS_MS;
      const halfLifeMs = profile.silenceHalfLifeDays === null ? null : profile.silenceHalfLifeDays * DAY_MS;
      members.push({ brand, profile, process: { joinedAtMs, ratePerMs: profile.activity, halfLifeMs }, following: false });
    }
  }
  // The processes above run at 1 action per ms per unit of activity; scale them to the volume.
  const scale = rateScale(members, timeline, inboundShare(community));
  for (const m of members) m.process.ratePerMs *= scale;
  return members;
}

/** Of all events, the share that are members acting (the rest: the brand's answers). */
function inboundShare(community: Community): number {
  const kinds = Object.keys(MEMBER_ACTION_WEIGHTS) as ActionKind[];
  const total = kinds.reduce((s, kind) => s + MEMBER_ACTION_WEIGHTS[kind], 0);
  const awaiting = kinds.filter((kind) => AWAITING_TYPES.has(kind)).reduce((s, kind) => s + MEMBER_ACTION_WEIGHTS[kind], 0) / total;
  const answerRate = community.brands.reduce((s, b) => s + b.answerRate, 0) / Math.max(1, community.brands.length);
  return 1 / (1 + awaiting * answerRate * (1 + MEMBER_FOLLOW_UP_RATE));
}

function rateScale(members: readonly MemberState[], timeline: Timeline, share: number): number {
  if (timeline.kind === 'history') {
    const { fromMs, toMs } = timeline;
    const arrivals = members.filter((m) => m.process.joinedAtMs >= fromMs).length;
    const unitActions = members.reduce((s, m) => s + expectedActions(m.process, fromMs, toMs), 0);
    const wanted = Math.max(timeline.targetEvents * share - arrivals, timeline.targetEvents * 0.05);
    return unitActions > 0 ? wanted / unitActions : 0;
  }
  const unitRate = members.reduce((s, m) => s + rateAt(m.process, timeline.startMs), 0);
  return unitRate > 0 ? (timeline.ratePerSecond * share) / 1000 / unitRate : 0;
}
