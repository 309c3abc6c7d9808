// Builders and fast-check arbitraries shared by the model's tests (imported by tests only).
import fc from 'fast-check';
import type { InteractionType, Platform } from '@rapport/contracts';
import { ModelConfigSchema, type ModelConfig } from './model-config';
import type { ModelEvent } from './model-event';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** An arbitrary origin for test timelines. */
export const T0 = Date.parse('2025-01-01T00:00:00.000Z');

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface EventSpec {
  id?: string;
  type: InteractionType;
  at: number;
  direction?: 'inbound' | 'outbound';
  platform?: Platform;
  platformId?: string;
  followers?: number;
  isTeam?: boolean;
  text?: string;
  parentId?: string;
  rating?: number;
  value?: number;
}

let sequence = 0;

/** One event; inbound on `x` from member `m1` unless told otherwise. */
export function ev(spec: EventSpec): ModelEvent {
  const event: ModelEvent = {
    id: spec.id ?? `e${++sequence}`,
    platform: spec.platform ?? 'x',
    type: spec.type,
    direction: spec.direction ?? 'inbound',
    occurredAt: iso(spec.at),
    member: { platformId: spec.platformId ?? 'm1' },
  };
  if (spec.followers !== undefined) event.member.followers = spec.followers;
  if (spec.isTeam !== undefined) event.member.isTeam = spec.isTeam;
  if (spec.text !== undefined || spec.parentId !== undefined || spec.rating !== undefined) {
    event.content = {};
    if (spec.text !== undefined) event.content.text = spec.text;
    if (spec.parentId !== undefined) event.content.parentId = spec.parentId;
    if (spec.rating !== undefined) event.content.rating = spec.rating;
  }
  if (spec.type === 'conversion') event.conversion = { value: spec.value ?? 10, currency: 'EUR' };
  return event;
}

/** `n` copies of an inbound event type at one instant. */
export function many(n: number, type: InteractionType, at: number, extra: Partial<EventSpec> = {}): ModelEvent[] {
  return Array.from({ length: n }, () => ev({ ...extra, type, at }));
}

/** A config with some thresholds overridden. */
export function configWith(thresholds: Partial<ModelConfig['thresholds']>, rest: Partial<ModelConfig> = {}): ModelConfig {
  return ModelConfigSchema.parse({ ...rest, thresholds });
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const TYPES: InteractionType[] = [
  'follow', 'unfollow', 'join', 'leave', 'reaction', 'comment', 'reply', 'share', 'mention', 'message', 'review', 'referral',
  'conversion', 'retraction',
];
const ANSWERS: InteractionType[] = ['comment', 'reply', 'message'];
const WORDS = ['good', 'bad', 'love', 'hate', 'not', 'great', 'terrible', 'hello', 'product', 'thanks', 'awful', 'ok'];

/**
 * Times over ~150 days on a coarse grid (instants repeat), a dense week at hour grain (answers
 * within 72 h, love piling up to the inner levels), or anywhere.
 */
const timeArb = fc.oneof(
  fc.integer({ min: 0, max: 150 * 4 }).map((k) => T0 + k * 6 * HOUR),
  fc.integer({ min: 0, max: 7 * 24 }).map((k) => T0 + 60 * DAY + k * HOUR),
  fc.integer({ min: 0, max: 150 * DAY }).map((ms) => T0 + ms),
);

interface RawEvent {
  type: InteractionType;
  inbound: boolean;
  at: number;
  identity: number;
  followers: number | null;
  isTeam: boolean;
  words: string[] | null;
  parent: number | null;
  rating: number | null;
}

const common = {
  at: timeArb,
  identity: fc.integer({ min: 0, max: 2 }),
  followers: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { freq: 3 }),
  isTeam: fc.integer({ min: 0, max: 20 }).map((n) => n === 0),
  words: fc.option(fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 5 }), { freq: 2 }),
  parent: fc.option(fc.nat(), { freq: 2 }),
  rating: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 2 }),
};
const inboundArb: fc.Arbitrary<RawEvent> = fc.record({ ...common, type: fc.constantFrom(...TYPES), inbound: fc.constant(true) });
// Brand actions are mostly answers, so that reciprocity gets exercised.
const outboundArb: fc.Arbitrary<RawEvent> = fc.record({
  ...common,
  type: fc.oneof({ arbitrary: fc.constantFrom(...ANSWERS), weight: 3 }, { arbitrary: fc.constantFrom(...TYPES), weight: 1 }),
  inbound: fc.constant(false),
});

/** Turns raw draws into events with unique ids; parents point at other events of the set. */
function materialize(raws: RawEvent[]): ModelEvent[] {
  return raws.map((raw, i) => {
    const spec: EventSpec = {
      id: `ev-${i}`,
      type: raw.type,
      at: raw.at,
      direction: raw.inbound ? 'inbound' : 'outbound',
      platform: raw.identity === 2 ? 'discord' : 'x',
      platformId: raw.identity === 1 ? 'm2' : 'm1',
    };
    if (raw.followers !== null) spec.followers = raw.followers;
    if (raw.isTeam) spec.isTeam = true;
    if (raw.words !== null) spec.text = raw.words.join(' ');
    if (raw.rating !== null && raw.type === 'review') spec.rating = raw.rating;
    if (raw.parent !== null && raws.length > 1) spec.parentId = `ev-${raw.parent % raws.length}`;
    if (raw.type === 'retraction' && spec.parentId === undefined) spec.parentId = `ev-${i === 0 ? 1 : 0}`;
    return ev(spec);
  });
}

/** A set of events of one relationship (unique ids), up to `maxLength` of them. */
export function eventSetArb(maxLength = 30): fc.Arbitrary<ModelEvent[]> {
  return fc.array(fc.oneof(outboundArb, inboundArb), { minLength: 0, maxLength }).map(materialize);
}

/** Mostly inbound events, so that stages beyond `lapsed` are common. */
export function busyEventSetArb(maxLength = 30): fc.Arbitrary<ModelEvent[]> {
  return fc
    .array(fc.oneof({ arbitrary: inboundArb, weight: 3 }, { arbitrary: outboundArb, weight: 1 }), { minLength: 1, maxLength })
    .map(materialize);
}

/** An evaluation instant around the events' span. */
export const instantArb = fc.integer({ min: -5 * DAY, max: 260 * DAY }).map((ms) => T0 + ms);

/** Events with an instant that is often close after one of them (where stages are interesting). */
export function withInstant(events: fc.Arbitrary<ModelEvent[]>): fc.Arbitrary<[ModelEvent[], number]> {
  return events.chain((set) => {
    const times = set.map((e) => Date.parse(e.occurredAt));
    const near =
      times.length === 0
        ? instantArb
        : fc.tuple(fc.constantFrom(...times), fc.integer({ min: -DAY, max: 40 * DAY })).map(([at, offset]) => at + offset);
    return fc.tuple(fc.constant(set), fc.oneof({ arbitrary: instantArb, weight: 1 }, { arbitrary: near, weight: 3 }));
  });
}

/** Models other than v1, within the admin's bounds. */
export const configArb: fc.Arbitrary<ModelConfig> = fc
  .record({
    halfLifeDays: fc.oneof(fc.constant(30), fc.double({ min: 1, max: 3650, noNaN: true })),
    levelWindowDays: fc.oneof(fc.constant(7), fc.integer({ min: 0, max: 30 })),
    activeDays: fc.integer({ min: 1, max: 40 }),
    extraLapse: fc.integer({ min: 0, max: 60 }),
    newDays: fc.integer({ min: 1, max: 60 }),
    answerWindowHours: fc.integer({ min: 1, max: 200 }),
    stageLove: fc.double({ min: 0.5, max: 30, noNaN: true }),
    advocateAdvocacy: fc.double({ min: 0.5, max: 30, noNaN: true }),
    level1Love: fc.double({ min: 3, max: 60, noNaN: true }),
    levelRatios: fc.tuple(fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.double({ min: 0.1, max: 0.9, noNaN: true })),
  })
  .map((r) =>
    ModelConfigSchema.parse({
      version: 2,
      halfLifeDays: r.halfLifeDays,
      thresholds: {
        levelWindowDays: r.levelWindowDays,
        activeDays: r.activeDays,
        lapsedDays: r.activeDays + r.extraLapse,
        newDays: r.newDays,
        answerWindowHours: r.answerWindowHours,
        stageLove: r.stageLove,
        advocateAdvocacy: r.advocateAdvocacy,
        level1Love: r.level1Love,
        level2Love: r.level1Love * r.levelRatios[0],
        level3Love: r.level1Love * r.levelRatios[0] * r.levelRatios[1],
      },
    }),
  );

/** Deterministic shuffle driven by fast-check's random source. */
export function shuffled<T>(items: readonly T[], seeds: readonly number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seeds[i % Math.max(1, seeds.length)] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Deep equality with numbers compared to 1e-9 relative (values under 1e-12 count as equal). */
export function approxEqual(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return null;
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return scale < 1e-12 || Math.abs(a - b) <= 1e-9 * scale ? null : `${path}: ${a} ≠ ${b}`;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b) ? null : `${path}: ${String(a)} ≠ ${String(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const diff = approxEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (diff !== null) return diff;
  }
  return null;
}
