import { emailHashOf } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { canonicalBody } from './canonical-body';

const receivedAt = new Date('2026-03-01T12:00:00.000Z');
const ctx = { sourceId: 'src_a', brandId: 'acme', receivedAt, retentionMs: 730 * 86_400_000 };

function event(overrides: Record<string, unknown> = {}) {
  return {
    id: 'e1',
    platform: 'custom',
    type: 'comment',
    direction: 'inbound',
    occurredAt: '2026-03-01T11:59:00Z',
    member: { platformId: 'm1' },
    ...overrides,
  };
}

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('canonical body', () => {
  it('turns one event into a canonical event with ingestion’s fields', () => {
    const r = canonicalBody(body(event()), ctx);
    expect(r.ok && r.events).toEqual([
      { ...event(), brandId: 'acme', sourceId: 'src_a', receivedAt: '2026-03-01T12:00:00.000Z' },
    ]);
  });

  it('takes a batch in order', () => {
    const r = canonicalBody(body({ events: [event({ id: 'a' }), event({ id: 'b' })] }), ctx);
    expect(r.ok && r.events.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('never trusts a brandId or sourceId from the payload', () => {
    const r = canonicalBody(body(event({ brandId: 'other', sourceId: 'src_other', receivedAt: '2020-01-01T00:00:00Z' })), ctx);
    expect(r.ok && r.events[0]).toMatchObject({ brandId: 'acme', sourceId: 'src_a', receivedAt: '2026-03-01T12:00:00.000Z' });
  });

  it('hashes a raw email at the door: neither the event nor the archive holds it', () => {
    const email = 'Ada@Example.COM';
    const r = canonicalBody(body(event({ platform: 'email', member: { platformId: 'Ada@Example.COM', email } })), ctx);
    if (!r.ok) throw new Error('expected ok');
    const hash = emailHashOf(email);
    expect(r.events[0]!.member).toEqual({ platformId: hash, emailHash: hash });
    expect(JSON.stringify(r.events)).not.toMatch(/example\.com/i);
    expect(r.archive).toContain(`sha256:${hash}`);
    expect(r.archive).not.toMatch(/ada@example/i);
  });

  it('answers malformed JSON and an empty body with a fixed message', () => {
    for (const raw of [Buffer.from('{"id": '), Buffer.alloc(0), Buffer.from('nul')]) {
      const r = canonicalBody(raw, ctx);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors).toHaveLength(1);
    }
  });

  it('refuses an empty batch and a batch over 1,000', () => {
    const empty = canonicalBody(body({ events: [] }), ctx);
    expect(!empty.ok && empty.errors.map((e) => e.path)).toEqual(['events']);
    const huge = canonicalBody(body({ events: Array.from({ length: 1_001 }, (_, i) => event({ id: `e${i}` })) }), ctx);
    expect(!huge.ok && huge.errors.map((e) => e.path)).toEqual(['events']);
  });

  it('lists every failing path of a batch, time window included', () => {
    const r = canonicalBody(
      body({
        events: [
          event(),
          event({ occurredAt: 'yesterday' }),
          event({ occurredAt: '2026-03-01T12:05:01Z' }), // 5 min 1 s ahead
          event({ occurredAt: '2024-02-28T00:00:00Z', type: 'nope' }), // older than 2 years, and a bad type
          event({ member: {} }),
        ],
      }),
      ctx,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.path).sort()).toEqual(
      ['events[1].occurredAt', 'events[2].occurredAt', 'events[3].occurredAt', 'events[3].type', 'events[4].member.platformId'].sort(),
    );
  });

  it('accepts occurredAt up to 5 minutes ahead and up to the retention back', () => {
    expect(canonicalBody(body(event({ occurredAt: '2026-03-01T12:05:00Z' })), ctx).ok).toBe(true);
    expect(canonicalBody(body(event({ occurredAt: '2024-03-02T12:00:00Z' })), ctx).ok).toBe(true);
    expect(canonicalBody(body(event({ occurredAt: '2024-03-01T11:59:59Z' })), { ...ctx, retentionMs: 365 * 86_400_000 }).ok).toBe(false);
  });

  it('lets no prototype-pollution key through or into any object', () => {
    const raw = Buffer.from(
      `{"events":[{"id":"p1","platform":"custom","type":"comment","direction":"inbound","occurredAt":"2026-03-01T11:00:00Z",
        "member":{"platformId":"m","__proto__":{"isTeam":true}},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}]}`,
    );
    const r = canonicalBody(raw, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = r.events[0]!;
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(e.member)).toBe(Object.prototype);
    expect(e.member.isTeam).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(e))).not.toHaveProperty('constructor.prototype');

    const attrs = canonicalBody(body(event({ attributes: JSON.parse('{"__proto__": 1}') as unknown })), ctx);
    expect(!attrs.ok && attrs.errors.map((x) => x.path)).toEqual(['attributes.__proto__']);
  });
});

describe('canonical body archive', () => {
  it('archives the bytes as sent when they hold no address, the redacted JSON otherwise', () => {
    const raw = Buffer.from(`{ "id": "a1", "platform": "custom", "type": "comment", "direction": "inbound",
      "occurredAt": "2026-03-01T11:59:00Z", "member": { "platformId": "m1" } }`);
    const plain = canonicalBody(raw, ctx);
    expect(plain.ok && plain.archive).toBe(raw.toString('utf8'));
    const withEmail = canonicalBody(body(event({ member: { platformId: 'm1', email: 'a@b.co' } })), ctx);
    expect(withEmail.ok && withEmail.archive).not.toContain('a@b.co');
  });
});
