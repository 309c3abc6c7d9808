import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as arb from '../test/arbitraries';
import { newAjv } from '../test/ajv';
import { standaloneJsonSchema } from './docs/json-schemas';
import { InteractionEvent, InteractionEventInput } from './interaction';

const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const RUNS = { numRuns: 300 };

describe('round trip through JSON', () => {
  test('any valid sender event → JSON → parse equals the event', () => {
    fc.assert(
      fc.property(arb.inputEvent, (event) => {
        const parsed = InteractionEventInput.parse(viaJson(event));
        expect(parsed).toEqual(event);
        expect(InteractionEventInput.parse(viaJson(parsed))).toEqual(parsed);
      }),
      RUNS,
    );
  });

  test('any valid canonical event → JSON → parse equals the event', () => {
    fc.assert(
      fc.property(arb.canonicalEvent, (event) => {
        expect(InteractionEvent.parse(viaJson(event))).toEqual(event);
      }),
      RUNS,
    );
  });
});

describe('the generated JSON Schema agrees with zod', () => {
  const ajv = newAjv();
  const inputSchema = ajv.compile(standaloneJsonSchema(InteractionEventInput));
  const eventSchema = ajv.compile(standaloneJsonSchema(InteractionEvent));

  test('accepts every valid event', () => {
    fc.assert(
      fc.property(arb.inputEvent, arb.canonicalEvent, (input, event) => {
        expect(inputSchema(viaJson(input)), JSON.stringify(inputSchema.errors)).toBe(true);
        expect(eventSchema(viaJson(event)), JSON.stringify(eventSchema.errors)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test('rejects what the cross-field rules reject', () => {
    const broken = (e: Record<string, unknown>) => [
      { ...e, type: 'conversion', conversion: undefined },
      { ...e, type: 'comment', conversion: { value: 1, currency: 'EUR' } },
      { ...e, type: 'comment', referral: {} },
      { ...e, type: 'retraction', content: { text: 'x' } },
      { ...e, platform: 'email', member: { platformId: 'p' } },
      { ...e, attributes: JSON.parse('{"__proto__": 1}') as unknown },
    ];
    fc.assert(
      fc.property(arb.canonicalEvent, (event) => {
        for (const bad of broken(event)) {
          const json = viaJson(bad);
          expect(InteractionEvent.safeParse(json).success).toBe(false);
          expect(eventSchema(json), JSON.stringify(bad)).toBe(false);
        }
      }),
      { numRuns: 50 },
    );
  });
});
