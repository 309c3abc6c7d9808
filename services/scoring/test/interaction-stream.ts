// A deterministic stream of contract-valid interactions over many members, for tests and the
// benchmark: every kind of event the model reads (answers, retractions, reviews, conversions,
// follower counts, text), mostly in event-time order with a share arriving late.
import type { InteractionEvent, InteractionType, Platform } from '@rapport/contracts';

export interface StreamOptions {
  seed: number;
  brandId: string;
  sourceId: string;
  members: number;
  events: number;
  /** Event time of the first event, epoch ms. */
  start: number;
  /** Event times spread over this span, in stream order. */
  spanMs: number;
  /** Share of events whose event time is pushed back by up to `lateMs` (they arrive late). */
  lateFraction?: number;
  lateMs?: number;
  /** First member index (several streams over disjoint members). */
  memberOffset?: number;
}

/** mulberry32: a tiny seeded PRNG, so that a stream is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PLATFORMS: Platform[] = ['x', 'instagram', 'discord', 'github', 'reddit', 'youtube'];
const WORDS = ['good', 'bad', 'love', 'hate', 'not', 'great', 'terrible', 'hello', 'product', 'thanks', 'awful', 'ok', 'the', 'really', 'launch'];

// Inbound mix (weights), then outbound answers and retractions drawn separately.
const INBOUND: [InteractionType, number][] = [
  ['reaction', 35],
  ['comment', 14],
  ['follow', 8],
  ['unfollow', 2],
  ['join', 2],
  ['leave', 1],
  ['share', 6],
  ['mention', 6],
  ['reply', 5],
  ['message', 4],
  ['review', 3],
  ['referral', 2],
  ['conversion', 2],
];
const INBOUND_TOTAL = INBOUND.reduce((sum, [, w]) => sum + w, 0);

export function memberIdentity(brandId: string, index: number): { platform: Platform; platformId: string } {
  return { platform: PLATFORMS[index % PLATFORMS.length] as Platform, platformId: `u${index}` };
}

/** The stream, lazily: a million events never sit in memory at once. */
export function* interactionStream(options: StreamOptions): Generator<InteractionEvent> {
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const lateFraction = options.lateFraction ?? 0.05;
  const lateMs = options.lateMs ?? 6 * 3_600_000;
  const memberOffset = options.memberOffset ?? 0;
  // The latest inbound id per member: what answers and retractions name.
  const lastInbound = new Map<number, string>();

  for (let i = 0; i < options.events; i++) {
    const member = memberOffset + Math.floor(random() * options.members);
    const { platform, platformId } = memberIdentity(options.brandId, member);
    let at = options.start + Math.floor((i / options.events) * options.spanMs);
    if (random() < lateFraction) at -= Math.floor(random() * lateMs);
    const id = `${options.seed}-${i}`;
    const roll = random();
    const named = lastInbound.get(member);
    let type: InteractionType;
    let direction: 'inbound' | 'outbound' = 'inbound';
    if (roll < 0.08) {
      type = pick(['comment', 'reply', 'message'] as const);
      direction = 'outbound';
    } else if (roll < 0.1 && named !== undefined) {
      type = 'retraction';
    } else {
      let w = random() * INBOUND_TOTAL;
      type = 'reaction';
      for (const [candidate, weight] of INBOUND) {
        if ((w -= weight) < 0) {
          type = candidate;
          break;
        }
      }
    }
    const event: InteractionEvent = {
      id,
      brandId: options.brandId,
      sourceId: options.sourceId,
      platform,
      type,
      direction,
      occurredAt: new Date(at).toISOString(),
      receivedAt: new Date(options.start + options.spanMs).toISOString(),
      member: { platformId, handle: `@user${member}` },
    };
    if (random() < 0.2) event.member.followers = Math.floor(random() * 50_000);
    if (random() < 0.05) event.member.displayName = `User ${member} ${Math.floor(random() * 3)}`;
    if (member % 997 === 0) event.member.isTeam = true;
    const texty = direction === 'inbound' && ['comment', 'reply', 'mention', 'message', 'review', 'share'].includes(type);
    if (texty && random() < 0.7) {
      const words = Array.from({ length: 3 + Math.floor(random() * 12) }, () => pick(WORDS));
      event.content = { text: words.join(' ') };
    }
    if (type === 'review') event.content = { ...event.content, rating: 1 + Math.floor(random() * 5) };
    if (direction === 'outbound' && named !== undefined && random() < 0.6) event.content = { ...event.content, parentId: named };
    if (type === 'retraction') event.content = { parentId: named as string };
    if (type === 'conversion') event.conversion = { value: Math.round(random() * 20_000) / 100, currency: 'EUR' };
    if (direction === 'inbound' && type !== 'retraction') lastInbound.set(member, id);
    yield event;
  }
}
