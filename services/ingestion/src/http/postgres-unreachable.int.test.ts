import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderEvent, startHarness, type Harness } from '../../test/ingestion-harness';
import { TcpProxy } from '../../test/tcp-proxy';

// The app's runtime connections go through a proxy the test cuts: Postgres is unreachable for this
// process only, as in a network partition or a database restart.
const proxy = new TcpProxy('127.0.0.1', 5432);
let h: Harness;

beforeAll(async () => {
  await proxy.open();
  h = await startHarness({ retryAfterSeconds: 7 }, {
    runtimeUrl: (url) => {
      const u = new URL(url);
      u.host = `127.0.0.1:${proxy.port}`;
      return u.toString();
    },
  });
});
afterAll(async () => {
  await proxy.cut();
  await h?.close();
});

describe('Postgres unreachable', () => {
  it('answers 503 with Retry-After and never 2xx, then accepts again once it is back', async () => {
    const source = await h.registerSource();
    const coldSource = await h.registerSource();
    expect((await h.postEvents(source.id, source.secret, senderEvent('before'))).statusCode).toBe(202);

    await proxy.cut();
    // A cached source: the commit fails. An uncached one: the lookup fails — 503 either way,
    // never a 404 that would make the sender drop its events.
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => h.postEvents(source.id, source.secret, { events: [senderEvent(`during-${i}`)] })),
      h.postEvents(coldSource.id, coldSource.secret, senderEvent('cold')),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toMatch(/ECONNREFUSED|SELECT|INSERT|at .*\.ts/);
    }
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);

    await proxy.open();
    const after = await h.postEvents(source.id, source.secret, { events: [senderEvent('after'), senderEvent('during-0')] });
    expect(after.statusCode).toBe(202);
    // `during-0` was never stored: it is new now, not a duplicate.
    expect(after.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    const { rows } = await h.admin.query<{ event_id: string }>('SELECT event_id FROM ingestion.accepted_events ORDER BY event_id');
    expect(rows.map((r) => r.event_id)).toEqual(['after', 'before', 'during-0']);
  });
});
