import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testKafkaBrokers } from '@rapport/testing';
import { freePort } from '@rapport/testing/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionStream, prng } from './interaction-stream';
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
  type ScoringTopics,
} from './scoring-harness';

const DAY = 86_400_000;
const brokers = testKafkaBrokers();
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

const KILLS = 24;
const CHUNKS = 24;
const CHUNK_EVENTS = 1_000;

interface Run {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: string[];
}

/** `node --import tsx services/scoring/src/main.ts`: one process, so SIGKILL hits the service itself. */
function spawnScoring(database: ScoringDatabase, topics: ScoringTopics, groupId: string, crashAfterCommitProb: number, port: number): Run {
  const child = spawn(process.execPath, ['--no-warnings', '--import', 'tsx', MAIN], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      PORT: String(port),
      DATABASE_URL: database.db.urlFor('scoring', 'runtime'),
      MIGRATION_DATABASE_URL: database.db.urlFor('scoring', 'owner'),
      KAFKA_BROKERS: brokers.join(','),
      ADMIN_TOKEN: 'crash-test-admin-token',
      INTERACTIONS_TOPIC: topics.interactions,
      RELATIONSHIPS_TOPIC: topics.relationships,
      CONSUMER_GROUP: groupId,
      CONSUMER_MAX_BATCH_BYTES: String(32 * 1024),
      CONSUMER_SESSION_TIMEOUT: '4s',
      SWEEP_INTERVAL: '1h',
      SHUTDOWN_GRACE_MS: '20s',
      FAULT_CRASH_AFTER_DB_COMMIT_PROB: String(crashAfterCommitProb),
    },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scoring killed with SIGKILL at random points', () => {
  let baseline: ScoringDatabase;
  let trial: ScoringDatabase;
  beforeAll(async () => {
    [baseline, trial] = await Promise.all([scoringDatabase(), scoringDatabase()]);
  });
  afterAll(async () => {
    await baseline?.close();
    await trial?.close();
  });

  it('ends in the state of an uninterrupted run, each event applied and published once', { timeout: 900_000 }, async () => {
    const start = Date.now() - 60 * DAY;
    const events = [
      ...interactionStream({ seed: 51, brandId: 'crash', sourceId: 'src', members: 300, events: CHUNKS * CHUNK_EVENTS, start, spanMs: 60 * DAY, lateFraction: 0.1, lateMs: 5 * DAY }),
    ];
    const producer = await interactionProducer(brokers);
    const random = prng(5151);

    // The uninterrupted run.
    const calm = await scoringTopics(brokers, 'scoring-calm', 3);
    await producer.send(calm.interactions, events);
    const single = await startScoring(baseline.pool, brokers, workConfig(calm));
    await eventsRecorded(baseline.admin, events.length, 300_000);
    await single.stop();

    // The stream arrives chunk by chunk while scoring is killed again and again.
    const topics = await scoringTopics(brokers, 'scoring-crash', 3);
    const groupId = `${topics.interactions}-g`;
    let produced = 0;
    let ourKills = 0;
    let selfKills = 0;
    while (ourKills + selfKills < KILLS) {
      if (produced < events.length) {
        await producer.send(topics.interactions, events.slice(produced, produced + CHUNK_EVENTS));
        produced += CHUNK_EVENTS;
      }
      // Every third run also kills itself right after a database commit, before the offset commit.
      const selfKilling = (ourKills + selfKills) % 3 === 2;
      // NOTE: a fresh port from the OS for every run: a fixed one can meanwhile be taken as the
      // local port of some outgoing connection, and the restart would fail with EADDRINUSE.
      const run = spawnScoring(trial, topics, groupId, selfKilling ? 0.25 : 0, await freePort());
      const before = await count(trial.admin, 'SELECT count(*) AS n FROM scoring.events');
      // Killed at a random instant: while starting, joining, or in the middle of batches (then
      // only once it has made some progress, so that the kill lands in the work).
      // A self-killing run is left to its fault hook (it has a fresh chunk to work on).
      const progress = selfKilling ? 0 : random() < 0.6 ? 1 + Math.floor(random() * 1_500) : 0;
      const deadline = Date.now() + (selfKilling ? 60_000 : 500 + random() * (progress > 0 ? 30_000 : 4_000));
      let ended = false;
      void run.exited.then(() => (ended = true));
      while (!ended && Date.now() < deadline) {
        if (progress > 0 && (await count(trial.admin, 'SELECT count(*) AS n FROM scoring.events')) - before >= progress) break;
        await sleep(25);
      }
      const killedByUs = !ended;
      if (killedByUs) {
        run.child.kill('SIGKILL');
        ourKills++;
      }
      const exit = await run.exited;
      if (!killedByUs) {
        // Only its own fault hook may end it: anything else is a failure of the service.
        expect(exit, run.output.join('')).toEqual({ code: null, signal: 'SIGKILL' });
        expect(selfKilling).toBe(true);
        selfKills++;
      }
    }
    while (produced < events.length) {
      await producer.send(topics.interactions, events.slice(produced, produced + CHUNK_EVENTS));
      produced += CHUNK_EVENTS;
    }
    expect(selfKills).toBeGreaterThanOrEqual(3);

    // Finally left alone: it catches up, drains its outbox and stops cleanly on SIGTERM.
    const last = spawnScoring(trial, topics, groupId, 0, await freePort());
    await eventsRecorded(trial.admin, events.length, 300_000);
    await waitFor('outbox drained', async () => (await count(trial.admin, 'SELECT count(*) AS n FROM scoring.outbox')) === 0, 120_000);
    last.child.kill('SIGTERM');
    expect(await last.exited, last.output.join('')).toEqual({ code: 0, signal: null });
    await producer.close();

    const at = Date.now() + DAY;
    const [calmState, crashedState] = await Promise.all([snapshot(baseline.admin, 'crash', at), snapshot(trial.admin, 'crash', at)]);
    expect(crashedState.identities).toEqual(calmState.identities);
    expect(crashedState.events).toEqual(calmState.events);
    expect(crashedState.relationships.size).toBe(calmState.relationships.size);
    const differences: string[] = [];
    for (const [member, expected] of calmState.relationships) {
      const actual = crashedState.relationships.get(member);
      if (actual === undefined || actual.eventCount !== expected.eventCount) differences.push(`${member}: event count`);
      else differences.push(...valueDifferences(actual.values, expected.values).map((d) => `${member}: ${d}`));
    }
    expect(differences).toEqual([]);

    // Readers see each event exactly once, versions without gaps (a relayed row may be sent twice).
    const versions = await count(trial.admin, 'SELECT sum(version) AS n FROM scoring.relationships');
    const updates = await readUpdates(brokers, topics.relationships, versions);
    expect(publicationProblems(updates, new Set(events.map((e) => e.id)))).toEqual([]);
    console.log(`crash test: ${ourKills} SIGKILLs from the test, ${selfKills} right after a database commit, ${updates.length} updates read for ${versions} versions`);
  });
});
