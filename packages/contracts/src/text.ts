import * as z from 'zod';

// TRICKY: "characters" are Unicode code points, as JSON Schema's maxLength counts them, not the
// UTF-16 code units of String#length: 10,000 emoji are 10,000 characters.
function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// NOTE: Postgres can store neither U+0000 (text and jsonb refuse it) nor a lone surrogate
// (jsonb refuses it, text silently turns it into U+FFFD). Accepting them would turn a valid
// request into a storage failure, so they are rejected at the edge; every other control
// character (tab, newline, bell…) is legal text.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|\p{Surrogate}/u;

/** Free text of at most `max` code points; no NUL, no lone surrogate. */
export function boundedText(max: number, min = 0) {
  return z
    .string()
    .refine((s) => !UNSTORABLE.test(s), 'must not contain NUL or unpaired surrogates')
    .refine((s) => {
      // Fast paths: code points ≤ code units ≤ 2 × code points.
      if (s.length <= max && s.length >= min * 2) return true;
      if (s.length > max * 2 || s.length < min) return false;
      const n = codePointLength(s);
      return n <= max && n >= min;
    }, `must be ${min}–${max} characters`)
    .meta({ minLength: min, maxLength: max });
}
