import { InteractionEventInput } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { buildCommunity, type Community } from './community-model';
import { generateTraffic, type SimulatedEvent, type TrafficOptions } from './traffic-generator';

const DAY = 86_400_000;
const END = Date.UTC(2026, 0, 1);

function history(community: Community, seed: number, targetEvents: number, days = 90): TrafficOptions {
  return { community, seed, timeline: { kind: 'history', fromMs: END - days * DAY, toMs: END, targetEvents } };
}

// One larger stream shared by the shape tests (generated once: ~20,000 events).
const community = buildCommunity({ seed: 11, brandIds: ['acme', 'zeta.shop'], membersPerBrand: 1_500 });
const stream = [...generateTraffic(history(community, 11, 20_000))];
const members = community.brands.flatMap((b) => b.members);
const ownerOf = new Map(members.flatMap((m) => m.identities.map((i) => [`${m.brandId}:${i.platform}:${i.platformId}`, m] as const)));
const owner = (e: SimulatedEvent) => ownerOf.get(`${e.brandId}:${e.event.platform}:${e.event.member.platformId}`);

describe('determinism', () => {
  it('gives the same stream for the same seed, and another for another seed', () => {
    const small = buildCommunity({ seed: 5, brandIds: ['a', 'b'], membersPerBrand: 200 });
    const take = (seed: number) => [...generateTraffic({ ...history(small, seed, 3_000), maxEvents: 2_000 })];
    const first = take(5);
    expect(first).toHaveLength(2_000);
    expect(take(5)).toEqual(first);
    expect(buildCommunity({ seed: 5, brandIds: ['a', 'b'], membersPerBrand: 200 })).toEqual(small);
    const other = take(6);
    expect(other.map((e) => e.event)).not.toEqual(first.map((e) => e.event));
  });

  it('gives every identity of a brand its own platform id', () => {
    const big = buildCommunity({ seed: 8, brandIds: ['x'], membersPerBrand: 20_000 });
    const keys = big.brands[0]!.members.flatMap((m) => m.identities.map((i) => `${i.platform}:${i.platformId}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(ownerOf.size).toBe(members.reduce((n, m) => n + m.identities.length, 0));
  });

  it('keeps a brand the same when another brand is added', () => {
    const one = buildCommunity({ seed: 3, brandIds: ['a'], membersPerBrand: 50 });
    const two = buildCommunity({ seed: 3, brandIds: ['a', 'b'], membersPerBrand: 50 });
    expect(two.brands[0]).toEqual(one.brands[0]);
  });
});

describe('the events', () => {
  it('all pass the sender contract, with unique ids and order ids', () => {
    for (const { event } of stream) {
      const parsed = InteractionEventInput.safeParse(event);
      if (!parsed.success) throw new Error(`${event.id}: ${parsed.error.message}`);
    }
    expect(new Set(stream.map((e) => e.event.id)).size).toBe(stream.length);
    const orders = stream.flatMap((e) => (e.event.conversion?.orderId === undefined ? [] : [e.event.conversion.orderId]));
    expect(orders.length).toBeGreaterThan(50);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('stay inside the history window, in event-time order, close to the volume asked for', () => {
    const times = stream.map((e) => Date.parse(e.event.occurredAt));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(END - 90 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(END);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(stream.length).toBeGreaterThan(20_000 * 0.8);
    expect(stream.length).toBeLessThan(20_000 * 1.2);
  });

  it('mix the types the way platforms see them', () => {
    const n = (type: string) => stream.filter((e) => e.event.type === type && e.event.direction === 'inbound').length;
    expect(n('reaction')).toBeGreaterThan(3 * n('comment'));
    expect(n('comment')).toBeGreaterThan(n('share'));
    expect(n('comment')).toBeGreaterThan(n('mention'));
    for (const rare of ['review', 'referral', 'conversion']) {
      expect(n(rare)).toBeGreaterThan(0);
      expect(n(rare)).toBeLessThan(n('share'));
    }
    for (const type of ['follow', 'message', 'reply', 'retraction', 'unfollow']) expect(n(type)).toBeGreaterThan(0);
    expect(stream.filter((e) => e.event.type === 'conversion').every((e) => e.event.conversion!.value > 0 && /^[A-Z]{3}$/.test(e.event.conversion!.currency))).toBe(true);
  });

  it('carry positive, negative and neutral texts', () => {
    const texts = stream.flatMap((e) => (e.event.direction === 'inbound' && e.event.content?.text !== undefined ? [e.event.content.text] : []));
    expect(texts.filter((t) => /love|great|amazing|awesome|thanks|happy|excellent|fantastic|perfect|best/i.test(t)).length).toBeGreaterThan(texts.length * 0.25);
    expect(texts.filter((t) => /terrible|awful|hate|broken|disappointed|worst|bad|useless|annoying|poor/i.test(t)).length).toBeGreaterThan(texts.length * 0.03);
    expect(texts.filter((t) => t.endsWith('?')).length).toBeGreaterThan(texts.length * 0.05);
  });
});

describe('the community shape', () => {
  it('has heavy-tailed activity: the top 1% of members produce a large share of the events', () => {
    const counts = new Map<object, number>();
    for (const e of stream) if (e.event.direction === 'inbound') counts.set(owner(e)!, (counts.get(owner(e)!) ?? 0) + 1);
    const sorted = members.map((m) => counts.get(m) ?? 0).sort((a, b) => b - a);
    const total = sorted.reduce((s, c) => s + c, 0);
    const top = sorted.slice(0, members.length / 100).reduce((s, c) => s + c, 0);
    // Equal rates would give the top 1% a few percent; a Pareto tail gives them a fifth or more.
    expect(top / total).toBeGreaterThan(0.15);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(6);
    expect(sorted[0]).toBeGreaterThan(30 * sorted[Math.floor(sorted.length / 2)]!);
  });

  it('has heavy-tailed follower counts', () => {
    const big = buildCommunity({ seed: 2, brandIds: ['big'], membersPerBrand: 20_000 });
    const followers = big.brands[0]!.members.flatMap((m) => m.identities.flatMap((i) => (i.followers === undefined ? [] : [i.followers]))).sort((a, b) => b - a);
    const total = followers.reduce((s, f) => s + f, 0);
    const median = followers[Math.floor(followers.length / 2)]!;
    expect(total / followers.length).toBeGreaterThan(3 * median);
    expect(followers.slice(0, followers.length / 100).reduce((s, f) => s + f, 0) / total).toBeGreaterThan(0.2);
    expect(followers[0]).toBeGreaterThan(300 * median);
  });

  it('lets drifting members fall silent over the window', () => {
    // Of the members active in the first month, the share still active in the last month.
    const activeIn = (fromDay: number, toDay: number) =>
      new Set(
        stream
          .filter((e) => e.event.direction === 'inbound' && Date.parse(e.event.occurredAt) >= END - fromDay * DAY && Date.parse(e.event.occurredAt) < END - toDay * DAY)
          .map(owner),
      );
    const early = activeIn(90, 60);
    const late = activeIn(30, 0);
    const retained = (drifting: boolean) => {
      const cohort = [...early].filter((m) => m !== undefined && (m.silenceHalfLifeDays !== null) === drifting);
      return cohort.filter((m) => late.has(m)).length / cohort.length;
    };
    expect(retained(true)).toBeLessThan(0.75 * retained(false));
  });

  it('includes team accounts, flagged and never answered', () => {
    const team = stream.filter((e) => e.event.member.isTeam === true);
    expect(team.length).toBeGreaterThan(0);
    expect(team.every((e) => owner(e)!.isTeam)).toBe(true);
    expect(stream.filter((e) => e.event.direction === 'outbound' && owner(e)!.isTeam)).toEqual([]);
  });

  it('shows some people on two platforms under the same email', () => {
    const platformsByEmail = new Map<string, Set<string>>();
    for (const e of stream) {
      const email = e.event.member.email;
      if (email !== undefined) platformsByEmail.set(email, (platformsByEmail.get(email) ?? new Set()).add(e.event.platform));
    }
    const twoPlatforms = [...platformsByEmail].filter(([, platforms]) => platforms.size >= 2);
    expect(twoPlatforms.length).toBeGreaterThan(50);
    // An email always belongs to one person: every identity using it is the same member.
    for (const e of stream) {
      if (e.event.member.email !== undefined) expect(e.event.member.email).toContain(`.${owner(e)!.serial}@`);
    }
  });
});

describe('conversations', () => {
  const byId = new Map(stream.map((e, index) => [e.event.id, { ...e, index }]));

  it('the brand answers existing inbound events of the same member, later', () => {
    const answers = stream.filter((e) => e.event.direction === 'outbound');
    expect(answers.length).toBeGreaterThan(stream.length * 0.05);
    for (const answer of answers) {
      const parent = byId.get(answer.event.content!.parentId!);
      expect(parent).toBeDefined();
      expect(parent!.event.direction).toBe('inbound');
      expect(parent!.brandId).toBe(answer.brandId);
      expect(parent!.event.member.platformId).toBe(answer.event.member.platformId);
      expect(parent!.event.platform).toBe(answer.event.platform);
      expect(['comment', 'reply', 'mention', 'message', 'review']).toContain(parent!.event.type);
      expect(Date.parse(answer.event.occurredAt)).toBeGreaterThan(Date.parse(parent!.event.occurredAt));
      expect(parent!.index).toBeLessThan(byId.get(answer.event.id)!.index);
    }
    // Realistic delays: most within hours, some over a day.
    const delays = answers.map((a) => Date.parse(a.event.occurredAt) - Date.parse(byId.get(a.event.content!.parentId!)!.event.occurredAt)).sort((a, b) => a - b);
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThan(6 * 3_600_000);
    expect(delays[Math.floor(delays.length / 2)]).toBeGreaterThan(5 * 60_000);
    expect(delays.at(-1)).toBeGreaterThan(DAY);
  });

  it('members answer back, and retractions name an earlier reaction of the same member', () => {
    const followUps = stream.filter((e) => e.event.direction === 'inbound' && e.event.content?.parentId !== undefined && e.event.type === 'reply');
    expect(followUps.length).toBeGreaterThan(0);
    for (const e of followUps) expect(byId.get(e.event.content!.parentId!)!.event.direction).toBe('outbound');
    const retractions = stream.filter((e) => e.event.type === 'retraction');
    expect(retractions.length).toBeGreaterThan(0);
    for (const r of retractions) {
      const parent = byId.get(r.event.content!.parentId!)!;
      expect(parent.event.type).toBe('reaction');
      expect(parent.event.member.platformId).toBe(r.event.member.platformId);
    }
  });
});

describe('live timeline', () => {
  it('starts at the given instant and runs at about the given rate', () => {
    const start = END;
    const events = [...generateTraffic({ community, seed: 4, timeline: { kind: 'live', startMs: start, ratePerSecond: 50 }, maxEvents: 6_000 })];
    expect(events).toHaveLength(6_000);
    const times = events.map((e) => Date.parse(e.event.occurredAt));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
    const seconds = (Math.max(...times) - start) / 1_000;
    // 6,000 events at 50/s: two minutes, give or take the answers that are still to come.
    expect(seconds).toBeGreaterThan(80);
    expect(seconds).toBeLessThan(200);
  });

  it('uses the id prefix for event and order ids', () => {
    const events = [...generateTraffic({ ...history(community, 1, 2_000), idPrefix: 'run7-', maxEvents: 500 })];
    expect(events.every((e) => e.event.id.startsWith('run7-'))).toBe(true);
    expect(events.filter((e) => e.event.conversion).every((e) => e.event.conversion!.orderId!.startsWith('run7-order-'))).toBe(true);
  });
});
