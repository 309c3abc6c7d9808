import { expect } from 'vitest';
import type * as z from 'zod';
import { formatIssuePath } from '../src/issues';

/** The failing paths of a rejected value, as a 400 answer would list them; fails if it passed. */
export function failingPaths(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  expect(r.success, 'expected a rejection').toBe(false);
  return (r.error?.issues ?? []).map((i) => formatIssuePath(i.path));
}
