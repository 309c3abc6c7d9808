import * as z from 'zod';
import { boundedText } from './text';

export const MAX_ATTRIBUTES = 50;

/**
 * Keys that would reach an object's prototype machinery if a reader ever copied attributes into
 * a plain object with `obj[key] = value` (or merged them with a naive deep merge).
 */
export const FORBIDDEN_ATTRIBUTE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const FORBIDDEN = new Set<string>(FORBIDDEN_ATTRIBUTE_KEYS);

const AttributeKey = boundedText(100, 1)
  .refine((k) => !FORBIDDEN.has(k), 'reserved key (__proto__, constructor, prototype)')
  .meta({ not: { enum: [...FORBIDDEN_ATTRIBUTE_KEYS] } });

const AttributeValue = z.union([boundedText(1_000), z.number(), z.boolean()]);

// TRICKY: zod's record silently drops an own `__proto__` key (JSON.parse creates one from
// `{"__proto__": …}`) instead of reporting it, so the reserved keys and the key count are checked
// on the raw input, before the record parses it. `constructor`/`prototype` would pass the record
// untouched; the key schema rejects them as well, so both layers agree.
function checkRawKeys(value: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > MAX_ATTRIBUTES) {
    ctx.addIssue({ code: 'custom', message: `at most ${MAX_ATTRIBUTES} attributes` });
  }
  for (const key of keys) {
    if (FORBIDDEN.has(key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'reserved key (__proto__, constructor, prototype)' });
    }
  }
  return value;
}

/** ≤ 50 keys with string, number or boolean values; no prototype-related keys. */
export const Attributes = z.preprocess(
  checkRawKeys,
  z.record(AttributeKey, AttributeValue).meta({ maxProperties: MAX_ATTRIBUTES }),
);
export type Attributes = z.infer<typeof Attributes>;
