import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderEvent, startHarness, type Harness } from '../../test/ingestion-harness';

// No relay runs here, as when Kafka is away for long: the outbox only grows. Past its bound the
// service answers 503 + Retry-After and stores nothing more.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ outboxMaxBacklog: 50, retryAfterSeconds: 30 });
});
afterAll(async () => {
  await h?.close();
});

describe('outbox bound', () => {
  it('accepts up to the bound, then answers 503 with Retry-After and stores nothing', async () => {
    const source = await h.registerSource();
    const batch = (from: number) => ({ events: Array.from({ length: 30 }, (_, i) => senderEvent(`e${from + i}`)) });
    expect((await h.postEvents(source.id, source.secret, batch(0))).statusCode).toBe(202);
    await h.intake.outboxBound.refresh();
    expect((await h.postEvents(source.id, source.secret, batch(30))).statusCode).toBe(202); // 30 < 50 when counted
    await h.intake.outboxBound.refresh();

    const before = await h.counts();
    expect(before.outbox).toBe(60);
    const full = await h.postEvents(source.id, source.secret, batch(60));
    expect(full.statusCode).toBe(503);
    expect(full.headers['retry-after']).toBe('30');
    expect(full.json()).toMatchObject({ type: expect.stringMatching(/backlog-full$/) as unknown });
    expect(await h.counts()).toEqual(before);

    // Once the relay has caught up, events are accepted again.
    await h.admin.query('DELETE FROM ingestion.outbox');
    await h.intake.outboxBound.refresh();
    expect((await h.postEvents(source.id, source.secret, batch(60))).statusCode).toBe(202);
  });
});
