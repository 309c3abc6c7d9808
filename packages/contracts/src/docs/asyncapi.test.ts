import specs from '@asyncapi/specs';
import { describe, expect, test } from 'vitest';
import { canonicalEvent } from '../../test/fixtures';
import { newAjv } from '../../test/ajv';
import { CE_TYPES, toKafkaHeaders } from '../cloudevents';
import { toDlqHeaders } from '../dlq';
import { TOPICS } from '../topics';
import { buildAsyncApi } from './asyncapi';

type Doc = Record<string, unknown>;
const doc = buildAsyncApi('0.0.0-test');
const channels = doc.channels as Record<string, Doc>;
const operations = doc.operations as Record<string, Doc>;
const components = doc.components as { schemas: Record<string, Doc>; messages: Record<string, Doc> };

/** Follows a local `#/a/b` reference inside the document. */
function resolve(ref: string): unknown {
  expect(ref.startsWith('#/'), ref).toBe(true);
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  expect(node, `unresolved ${ref}`).toBeDefined();
  return node;
}

function allRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) allRefs(n, out);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else allRefs(v, out);
    }
  }
  return out;
}

describe('AsyncAPI document', () => {
  test('is a valid AsyncAPI 3.0.0 document per the official JSON Schema', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    const ajv = newAjv({ strict: false });
    const validate = ajv.compile(specs.schemasWithoutId['3.0.0'] as object);
    const ok = validate(doc);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    // The validator is live: an AsyncAPI 2 style operation is refused.
    const broken = structuredClone(doc) as { operations: Record<string, Doc> };
    broken.operations.ingestionSendInteractionEvent!.action = 'publish';
    expect(validate(broken)).toBe(false);
  });

  test('every $ref resolves inside the document', () => {
    const refs = allRefs(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) resolve(ref);
  });

  test('has a channel per topic and per dead-letter topic', () => {
    const addresses = Object.values(channels).map((c) => c.address);
    for (const topic of Object.values(TOPICS)) {
      expect(addresses).toContain(topic);
      expect(addresses).toContain(`${topic}.dlq`);
    }
  });

  test('every channel is used by a send and a receive operation, and operations name channel messages', () => {
    const used = new Map<string, Set<string>>();
    for (const [id, op] of Object.entries(operations)) {
      const channelRef = (op.channel as { $ref: string }).$ref;
      const channelId = channelRef.replace('#/channels/', '');
      expect(channels[channelId], `${id} → ${channelRef}`).toBeDefined();
      (used.get(channelId) ?? used.set(channelId, new Set()).get(channelId))!.add(op.action as string);
      for (const m of op.messages as { $ref: string }[]) {
        expect(m.$ref.startsWith(`${channelRef}/messages/`), `${id}: ${m.$ref} is not a message of ${channelRef}`).toBe(true);
      }
      expect((op.tags as { name: string }[])[0]?.name, `${id} names no service`).toMatch(/^(ingestion|scoring|reporting|dlq-replay)$/);
    }
    for (const id of Object.keys(channels)) expect([...(used.get(id) ?? [])].sort(), id).toEqual(['receive', 'send']);
  });

  test('names who sends and who receives each topic', () => {
    const who = (action: string, channel: string) =>
      Object.values(operations)
        .filter((o) => o.action === action && (o.channel as { $ref: string }).$ref === `#/channels/${channel}`)
        .map((o) => (o.tags as { name: string }[])[0]?.name)
        .sort();
    expect(who('send', 'interactions')).toEqual(['ingestion']);
    expect(who('receive', 'interactions')).toEqual(['scoring']);
    expect(who('send', 'relationships')).toEqual(['scoring']);
    expect(who('receive', 'relationships')).toEqual(['reporting']);
    expect(who('receive', 'erasures')).toEqual(['ingestion', 'reporting', 'scoring']);
    expect(who('send', 'erasureReceipts')).toEqual(['ingestion', 'reporting', 'scoring']);
  });

  test('every component schema is a valid draft-07 JSON Schema (strict: no unknown keywords)', () => {
    const ajv = newAjv();
    for (const [name, schema] of Object.entries(components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
    for (const name of Object.keys(components.schemas)) {
      expect(() => ajv.getSchema(`#/components/schemas/${name}`), name).not.toThrow();
    }
  });

  test('message payloads and headers accept what the code produces', () => {
    const ajv = newAjv();
    const schemaOf = (node: unknown) => {
      // Inline the component schemas so the message-level `$ref`s compile on their own.
      const withDefs = JSON.parse(JSON.stringify(node).replaceAll('#/components/schemas/', '#/definitions/')) as Doc;
      const defs = JSON.parse(JSON.stringify(components.schemas).replaceAll('#/components/schemas/', '#/definitions/')) as Doc;
      return ajv.compile({ ...withDefs, definitions: defs });
    };
    const message = components.messages.InteractionEvent!;
    const payload = schemaOf(message.payload);
    expect(payload(JSON.parse(JSON.stringify(canonicalEvent())))).toBe(true);
    expect(payload({ ...canonicalEvent(), brandId: 'a:b' })).toBe(false);

    const ce = { id: 'e-1', source: '/rapport/ingestion', type: CE_TYPES.interactions, time: '2025-03-01T12:00:00Z' };
    const headers = schemaOf(message.headers);
    expect(headers(toKafkaHeaders(ce))).toBe(true);
    expect(headers(toKafkaHeaders({ ...ce, type: CE_TYPES.relationships }))).toBe(false);

    const dlqHeaders = schemaOf(components.messages.InteractionEventDeadLetter!.headers);
    const dlq = toDlqHeaders({ reason: 'bad payload', service: 'scoring', topic: TOPICS.interactions, partition: 3, offset: '42', timestamp: '1740830400000' });
    expect(dlqHeaders({ ...toKafkaHeaders(ce), ...dlq })).toBe(true);
    expect(dlqHeaders(toKafkaHeaders(ce))).toBe(false);
  });

  test('Kafka key patterns accept the keys the builders make', () => {
    const pattern = (name: string) => {
      const kafka = (components.messages[name]!.bindings as { kafka: { key: { pattern: string } } }).kafka;
      return new RegExp(kafka.key.pattern, 'u');
    };
    expect(pattern('InteractionEvent').test('acme:x:user\nwith:colons')).toBe(true);
    expect(pattern('InteractionEvent').test('ac:me:x')).toBe(false);
    expect(pattern('RelationshipUpdated').test('acme:m-1')).toBe(true);
    expect(pattern('ModelActivated').test('acme')).toBe(true);
  });
});
