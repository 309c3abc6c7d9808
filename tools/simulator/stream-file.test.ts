import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCommunity } from './community-model';
import { brandsInStreamFile, createStreamFileWriter, readStreamFile } from './stream-file';
import { fromIterable, limit, stampNow } from './stream-transforms';
import { generateTraffic, type SimulatedEvent } from './traffic-generator';

const dir = mkdtempSync(join(tmpdir(), 'stream-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const collect = async <T>(items: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('recorded streams', () => {
  it('replay exactly what was written', async () => {
    const community = buildCommunity({ seed: 1, brandIds: ['a', 'b'], membersPerBrand: 30 });
    const events = [...generateTraffic({ community, seed: 1, timeline: { kind: 'history', fromMs: 0, toMs: 30 * 86_400_000, targetEvents: 500 } })];
    const path = join(dir, 'run.ndjson');
    const writer = createStreamFileWriter(path);
    for (const e of events) await writer.write(e);
    await writer.close();
    expect(await collect(readStreamFile(path))).toEqual(events);
    expect((await brandsInStreamFile(path)).sort()).toEqual(['a', 'b']);
  });

  it('name the line of a malformed record', async () => {
    const path = join(dir, 'bad.ndjson');
    writeFileSync(path, '{"brandId":"a","event":{}}\n\n{"brandId":"a"}\n');
    await expect(collect(readStreamFile(path))).rejects.toThrow(`${path}:3`);
  });
});

describe('stream steps', () => {
  const items = (n: number): SimulatedEvent[] =>
    Array.from({ length: n }, (_, i) => ({ brandId: 'a', event: { id: `e${i}`, platform: 'x', type: 'reaction', direction: 'inbound', occurredAt: '2020-01-01T00:00:00.000Z', member: { platformId: 'm' } } }));

  it('limit stops at a count or when told to', async () => {
    expect(await collect(limit(fromIterable(items(10)), { count: 3 }))).toHaveLength(3);
    let n = 0;
    expect(await collect(limit(fromIterable(items(10)), { stop: () => ++n > 5 }))).toHaveLength(5);
    expect(await collect(limit(fromIterable(items(10)), { count: 0 }))).toHaveLength(0);
  });

  it('stampNow gives each event the moment it is pulled', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const stamped = await collect(stampNow(fromIterable(items(3)), () => (clock += 1_000)));
    expect(stamped.map((e) => e.event.occurredAt)).toEqual(['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z', '2026-01-01T00:00:03.000Z']);
    expect(stamped.map((e) => e.event.id)).toEqual(['e0', 'e1', 'e2']);
  });
});
