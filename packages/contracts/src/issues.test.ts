import { expect, test } from 'vitest';
import * as z from 'zod';
import { formatIssuePath, summarizeIssues } from './issues';

test('formats paths the way a 400 answer lists them', () => {
  expect(formatIssuePath(['events', 3, 'occurredAt'])).toBe('events[3].occurredAt');
  expect(formatIssuePath(['attributes', 'a.b'])).toBe('attributes["a.b"]');
  expect(formatIssuePath([0])).toBe('[0]');
  expect(formatIssuePath([])).toBe('');
});

test('summarizes every issue', () => {
  const r = z.object({ a: z.string(), b: z.array(z.int()) }).safeParse({ a: 1, b: [1, 'x'] });
  expect(summarizeIssues(r.error!).map((i) => i.path)).toEqual(['a', 'b[1]']);
});
