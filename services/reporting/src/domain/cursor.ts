/**
 * Opaque, stable page cursors: base64url of a small JSON object. A member-list cursor pins the
 * page's `asOf` (so decayed values stay consistent across pages) and the last row's sort key
 * and memberId (keyset pagination, ties broken by memberId). Cursors are not secret: a caller
 * can forge one, so decoding validates everything and never trusts more than a bad page.
 */
import { z } from 'zod';

export const MEMBER_SORTS = ['-score', '-love', '-advocacy', '-gravity', '-lastActiveAt', 'firstSeenAt'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

/** Sort keys may be −Infinity (a zero value), which JSON cannot carry: they travel as strings. */
const sortKey = z
  .string()
  .max(40)
  .transform((s) => Number(s))
  .refine((n) => !Number.isNaN(n) && n !== Number.POSITIVE_INFINITY);

const memberCursor = z.object({
  v: z.literal(1),
  s: z.enum(MEMBER_SORTS),
  a: z.number().int().nonnegative(),
  k: sortKey,
  m: z.string().min(1).max(200),
});

export interface MemberCursor {
  sort: MemberSort;
  asOfMs: number;
  key: number;
  memberId: string;
}

const alertCursor = z.object({ v: z.literal(1), t: z.number().int(), m: z.string().min(1).max(200), k: z.string().max(40) });

export interface AlertCursor {
  atMs: number;
  memberId: string;
  kind: string;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decode(cursor: string): unknown {
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]*$/.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function encodeMemberCursor(c: MemberCursor): string {
  return encode({ v: 1, s: c.sort, a: c.asOfMs, k: String(c.key), m: c.memberId });
}

/** The cursor, or null when it is not one this service issued (the caller answers 400). */
export function decodeMemberCursor(cursor: string): MemberCursor | null {
  const parsed = memberCursor.safeParse(decode(cursor));
  if (!parsed.success) return null;
  return { sort: parsed.data.s, asOfMs: parsed.data.a, key: parsed.data.k, memberId: parsed.data.m };
}

export function encodeAlertCursor(c: AlertCursor): string {
  return encode({ v: 1, t: c.atMs, m: c.memberId, k: c.kind });
}

export function decodeAlertCursor(cursor: string): AlertCursor | null {
  const parsed = alertCursor.safeParse(decode(cursor));
  if (!parsed.success) return null;
  return { atMs: parsed.data.t, memberId: parsed.data.m, kind: parsed.data.k };
}
