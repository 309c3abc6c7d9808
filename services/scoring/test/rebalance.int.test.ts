import { testKafkaBrokers } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionStream } from './interaction-stream';
import {
  count,
  eventsRecorded,
  interactionProducer,
  readUpdates,
  publicationProblems,
  scoringDatabase,
  scoringTopics,
  snapshot,
  startScoring,
  valueDifferences,
  waitFor,
  workConfig,
  type ScoringDatabase,
} from './scoring-harness';

const DAY = 86_400_000;
const brokers = testKafkaBrokers();

describe('two scoring instances in one group, rebalancing mid-stream', () => {
  let baseline: ScoringDatabase;
  let trial: ScoringDatabase;
  beforeAll(async () => {
    [baseline, trial] = await Promise.all([scoringDatabase(), scoringDatabase()]);
  });
  afterAll(async () => {
    await baseline?.close();
    await trial?.close();
  });

  it('ends in the same state as one instance alone, each event published once', async () => {
    const start = Date.now() - 60 * DAY;
    const events = [...interactionStream({ seed: 41, brandId: 'rebalance', sourceId: 'src', members: 80, events: 6_000, start, spanMs: 60 * DAY, lateFraction: 0.1, lateMs: 5 * DAY })];
    const producer = await interactionProducer(brokers);
    // Small fetches: many batches, so that the rebalances land in the middle of the work.
    const small = { maxBytesPerPartition: 16 * 1024, concurrency: 2, sessionTimeoutMs: 10_000 };

    // One instance, uninterrupted.
    const alone = await scoringTopics(brokers, 'scoring-alone', 4);
    await producer.send(alone.interactions, events);
    const single = await startScoring(baseline.pool, brokers, workConfig(alone, { consumer: { groupId: `${alone.interactions}-g`, ...small } }));
    await eventsRecorded(baseline.admin, events.length);
    await single.stop();

    // Two instances: B joins while A works, then A leaves while B works.
    const shared = await scoringTopics(brokers, 'scoring-shared', 4);
    const config = workConfig(shared, { consumer: { groupId: `${shared.interactions}-g`, ...small } });
    const a = await startScoring(trial.pool, brokers, config);
    await producer.send(shared.interactions, events.slice(0, 3_000));
    await waitFor('A under way', async () => (await count(trial.admin, 'SELECT count(*) AS n FROM scoring.events')) > 500);
    const b = await startScoring(trial.pool, brokers, config);
    await producer.send(shared.interactions, events.slice(3_000));
    await waitFor('both under way', async () => (await count(trial.admin, 'SELECT count(*) AS n FROM scoring.events')) > 3_500);
    await a.stop();
    await eventsRecorded(trial.admin, events.length);
    await waitFor('outbox drained', async () => (await count(trial.admin, 'SELECT count(*) AS n FROM scoring.outbox')) === 0);
    await b.stop();
    await producer.close();

    const at = Date.now() + DAY;
    const [one, two] = await Promise.all([snapshot(baseline.admin, 'rebalance', at), snapshot(trial.admin, 'rebalance', at)]);
    expect(two.identities).toEqual(one.identities);
    expect(two.events).toEqual(one.events);
    expect(two.relationships.size).toBe(one.relationships.size);
    const differences: string[] = [];
    for (const [member, expected] of one.relationships) {
      const actual = two.relationships.get(member);
      if (actual === undefined || actual.eventCount !== expected.eventCount) differences.push(`${member}: event count`);
      else differences.push(...valueDifferences(actual.values, expected.values).map((d) => `${member}: ${d}`));
    }
    expect(differences).toEqual([]);

    const versions = await count(trial.admin, 'SELECT sum(version) AS n FROM scoring.relationships');
    const updates = await readUpdates(brokers, shared.relationships, versions);
    expect(publicationProblems(updates, new Set(events.map((e) => e.id)))).toEqual([]);
  });
});
