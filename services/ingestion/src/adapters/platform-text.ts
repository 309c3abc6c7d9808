// Platform text reaches the canonical event only in the shape the contract accepts: no NUL, no
// lone surrogate (Postgres can store neither), and within the field's length in code points.
// A long post is clipped rather than dropped: the interaction happened either way.

// eslint-disable-next-line no-control-regex -- NUL is exactly what must go
const NUL = /\u0000/g;
const LONE_SURROGATE = /\p{Surrogate}/gu;

export const MAX_CONTENT_TEXT = 10_000;
export const MAX_MEMBER_TEXT = 200;

export function cleanText(text: string | null | undefined, max: number): string | undefined {
  if (typeof text !== 'string') return undefined;
  const cleaned = text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
  if (cleaned.length <= max) return cleaned;
  return Array.from(cleaned).slice(0, max).join('');
}
