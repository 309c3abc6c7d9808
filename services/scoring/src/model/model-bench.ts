// Throughput of the model's paths, single core, no I/O:
//   pnpm exec tsx services/scoring/src/model/model-bench.ts
// Figures are for the model alone; the consumer's budget (≥ 30,000 events/s in catch-up) also
// pays Postgres and Kafka, so the model should stay a small fraction of it.
import type { InteractionType } from '@rapport/contracts';
import { compactEvent, type CompactEvent } from './compact-event';
import { evaluateCompactEvents } from './evaluate';
import { DEFAULT_MODEL_CONFIG as config } from './model-config';
import type { ModelEvent } from './model-event';
import { applyToHistory, emptyHistory, evaluateHistory, foldHistory, historyFromEvents, type RelationshipHistory } from './relationship-history';

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T00:00:00.000Z');

// A deterministic generator, so that runs compare.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const TYPES: InteractionType[] = ['reaction', 'reaction', 'reaction', 'comment', 'reply', 'share', 'mention', 'message', 'follow', 'review'];
const TEXTS = [
  'Love the new release, great work team!',
  'This is not good, the app keeps crashing on startup',
  'When will the next version ship? Asking for a friend',
  'ok',
  'Terrible support experience, nobody answered my ticket for a week. Disappointed.',
];

function randomEvent(i: number, at: number): ModelEvent {
  const inbound = random() < 0.85;
  const type = inbound ? pick(TYPES) : pick(['reply', 'comment', 'message'] as const);
  const event: ModelEvent = {
    id: `evt-${i}`,
    platform: pick(['x', 'instagram', 'discord'] as const),
    type,
    direction: inbound ? 'inbound' : 'outbound',
    occurredAt: new Date(at).toISOString(),
    member: { platformId: 'member-1', followers: Math.floor(random() * 10_000) },
  };
  if (type !== 'reaction' && type !== 'follow') event.content = { text: pick(TEXTS) };
  if (type === 'review') event.content = { ...event.content, rating: 1 + Math.floor(random() * 5) };
  return event;
}

/** `n` events over `spanDays`, in time order, with occasional retractions of recent ones. */
function timeline(n: number, spanDays: number): ModelEvent[] {
  const step = (spanDays * DAY) / n;
  const events: ModelEvent[] = [];
  for (let i = 0; i < n; i++) {
    const at = Math.floor(T0 + i * step + random() * step);
    if (i > 10 && random() < 0.01) {
      events.push({ ...randomEvent(i, at), type: 'retraction', direction: 'inbound', content: { parentId: `evt-${i - 1 - Math.floor(random() * 5)}` } });
    } else events.push(randomEvent(i, at));
  }
  return events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

function measure(label: string, count: number, run: () => void): void {
  run(); // warm-up
  const start = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label.padEnd(72)} ${(count / seconds).toFixed(0).padStart(10)} /s  (${((seconds / count) * 1e6).toFixed(2)} µs each)`);
}

const heavy = timeline(20_000, 730); // a very active member: 20,000 events over two years
const compactHeavy = heavy.map(compactEvent);

measure('compactEvent (parse + AFINN sentiment), per event', heavy.length, () => {
  for (const e of heavy) compactEvent(e);
});

// The consumer's in-order path: apply, fold what is older than 3 days, evaluate at the event.
measure('in order: applyToHistory + fold(3 d) + evaluateHistory, per event', compactHeavy.length, () => {
  const history = emptyHistory(config);
  for (const e of compactHeavy) {
    applyToHistory(history, e, config);
    foldHistory(history, e.at - 3 * DAY, config);
    evaluateHistory(history, e.at, config);
  }
});

// Catch-up: the consumer groups a batch by relationship, applies each event, then folds and
// evaluates once per relationship.
measure('in order, batches of 100: apply each, fold(3 d) + evaluate per batch, per event', compactHeavy.length, () => {
  const history = emptyHistory(config);
  for (let i = 0; i < compactHeavy.length; i += 100) {
    const batch = compactHeavy.slice(i, i + 100);
    for (const e of batch) applyToHistory(history, e, config);
    const last = batch[batch.length - 1] as CompactEvent;
    foldHistory(history, last.at - 3 * DAY, config);
    evaluateHistory(history, last.at, config);
  }
});

// The common case: many members with a handful of events each, state loaded from and saved to
// JSON (what the store keeps) around every event.
const members = Array.from({ length: 2_000 }, (_, m) =>
  timeline(8, 60).map((e) => compactEvent({ ...e, id: `${m}-${e.id}`, member: { ...e.member, platformId: `member-${m}` } })),
);
measure('small members (8 events each): JSON load + apply + fold + evaluate + JSON save', members.length * 8, () => {
  const stored = members.map(() => JSON.stringify(emptyHistory(config)));
  for (let i = 0; i < 8; i++) {
    members.forEach((events, m) => {
      const history = JSON.parse(stored[m] as string) as RelationshipHistory;
      const e = events[i] as CompactEvent;
      applyToHistory(history, e, config);
      foldHistory(history, e.at - 3 * DAY, config);
      evaluateHistory(history, e.at, config);
      stored[m] = JSON.stringify(history);
    });
  }
});

// Out of order within the retained window: every event replays the retained events (k ≈ 80).
const shuffledTail = (() => {
  const out = [...compactHeavy];
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1] as CompactEvent, out[i] as CompactEvent];
  return out;
})();
measure('half out of order (pairs swapped): apply + fold(3 d) + evaluate, per event', shuffledTail.length, () => {
  const history = emptyHistory(config);
  for (const e of shuffledTail) {
    applyToHistory(history, e, config);
    foldHistory(history, e.at - 3 * DAY, config);
    evaluateHistory(history, e.at, config);
  }
});

// A rebuild from the full log (rescore, merge, split, an event before the cutoff).
for (const n of [100, 1_000, 20_000]) {
  const log = compactHeavy.slice(-n);
  measure(`rebuild from a log of ${n} events (historyFromEvents + fold), per event`, n * 20, () => {
    for (let r = 0; r < 20; r++) historyFromEvents(log, config, (log[log.length - 1] as CompactEvent).at - 3 * DAY);
  });
  measure(`full evaluation of ${n} events (evaluateCompactEvents), per event`, n * 20, () => {
    for (let r = 0; r < 20; r++) evaluateCompactEvents(log, (log[log.length - 1] as CompactEvent).at, config);
  });
}

const folded = historyFromEvents(compactHeavy, config, (compactHeavy[compactHeavy.length - 1] as CompactEvent).at - 3 * DAY);
console.log(
  `state of the 20,000-event member folded at 3 days: ${folded.events.length} retained events, ` +
    `${JSON.stringify(folded).length} bytes of JSON (base ${JSON.stringify(folded.base).length}, head ${JSON.stringify(folded.head).length})`,
);
